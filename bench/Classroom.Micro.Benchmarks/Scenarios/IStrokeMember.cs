namespace Classroom.Micro.Benchmarks.Scenarios;

/// <summary>A classroom member as <see cref="OpenLoopFanout"/> sees it, whatever protocol its connection speaks.</summary>
internal interface IStrokeMember
{
    string Classroom { get; }

    /// <summary>True when the server or the network ended the connection while the benchmark held it.</summary>
    bool ConnectionLost { get; }

    /// <summary>Strokes received so far.</summary>
    int ReceivedCount { get; }

    /// <summary>Every stroke received, in arrival order; the ledger is emptied.</summary>
    IReadOnlyList<ReceivedStroke> TakeReceived();

    /// <summary>Publishes one stroke to the member's classroom; completes when the server acknowledged it.</summary>
    Task PublishAsync(ReadOnlyMemory<byte> stroke, CancellationToken cancellationToken);
}
