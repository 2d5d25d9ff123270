using Classroom.Micro.Benchmarks.Protocol;

namespace Classroom.Micro.Benchmarks.Scenarios;

/// <summary>A teacher or student connected and subscribed to their classroom's channel, recording what arrives.</summary>
internal sealed class ClassroomMember : IStrokeMember, IAsyncDisposable
{
    private ProtocolClient? _client;

    public ClassroomMember(string user, string classroom, bool isTeacher)
    {
        User = user;
        Classroom = classroom;
        IsTeacher = isTeacher;
    }

    public string User { get; }

    public string Classroom { get; }

    public string Channel => "classroom:" + Classroom;

    public bool IsTeacher { get; }

    public DeliveryLedger Ledger { get; } = new();

    /// <summary>True when the connection ended before the benchmark closed it.</summary>
    public bool ConnectionLost => _client?.WasLost ?? false;

    public int ReceivedCount => Ledger.Count;

    public IReadOnlyList<ReceivedStroke> TakeReceived() => Ledger.Take();

    public Task PublishAsync(ReadOnlyMemory<byte> stroke, CancellationToken cancellationToken) => Client.PublishAsync(Channel, stroke, cancellationToken);

    public ProtocolClient Client => _client ?? throw new InvalidOperationException(User + " is not connected.");

    /// <summary>Connects with <paramref name="token"/> and subscribes to the classroom's channel.</summary>
    public async Task JoinAsync(Uri gateway, string token, CancellationToken cancellationToken)
    {
        _client = await ProtocolClient.ConnectAsync(gateway, token, Ledger.Record, cancellationToken);
        await _client.SubscribeAsync(Channel, cancellationToken);
    }

    public ValueTask DisposeAsync() => _client?.DisposeAsync() ?? ValueTask.CompletedTask;
}
