using System.ComponentModel.DataAnnotations;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>What "durable" means before a publish is answered. Bound from <c>Fanout:Durability</c>.</summary>
internal sealed class DurabilityOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Fanout:Durability";

    /// <summary>
    /// Replicas that must confirm an append (Redis <c>WAIT</c>) before the publish succeeds; 0 answers as soon as
    /// the primary applied it.
    /// </summary>
    [Range(0, 64)]
    public int ReplicaAcks { get; set; }

    /// <summary>How long to wait for <see cref="ReplicaAcks"/> confirmations before failing with Unavailable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan ReplicaAckTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
