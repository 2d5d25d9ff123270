namespace Classroom.Micro.Fanout.Storage;

/// <summary>Fewer replicas than <see cref="DurabilityOptions.ReplicaAcks"/> confirmed an append in time.</summary>
internal sealed class ReplicationUnconfirmedException(int confirmed, int required)
    : Exception($"{confirmed} of {required} required replicas confirmed the append in time.")
{
    /// <summary>Replicas that confirmed.</summary>
    public int Confirmed { get; } = confirmed;

    /// <summary>Replicas required.</summary>
    public int Required { get; } = required;
}
