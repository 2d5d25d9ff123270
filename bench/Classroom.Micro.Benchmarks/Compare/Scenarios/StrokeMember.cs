using Classroom.Micro.Benchmarks.Compare.Clients;
using Classroom.Micro.Benchmarks.Compare.Systems;
using Classroom.Micro.Benchmarks.Scenarios;

namespace Classroom.Micro.Benchmarks.Compare.Scenarios;

/// <summary>A member of a classroom on one compared system (member 0 is the teacher, who publishes).</summary>
internal sealed class StrokeMember : IStrokeMember, IAsyncDisposable
{
    public StrokeMember(ComparedSystem system, string classroom, int index)
    {
        Classroom = classroom;
        Index = index;
        Client = system.CreateClient(classroom, index, Ledger.Record);
    }

    public string Classroom { get; }

    public int Index { get; }

    public bool IsTeacher => Index == 0;

    public StrokeLedger Ledger { get; } = new();

    public StrokeClient Client { get; }

    public bool ConnectionLost => Client.WasLost;

    public int ReceivedCount => Ledger.Count;

    public IReadOnlyList<ReceivedStroke> TakeReceived() => Ledger.Take();

    public Task PublishAsync(ReadOnlyMemory<byte> stroke, CancellationToken cancellationToken) => Client.PublishAsync(Classroom, stroke, cancellationToken);

    public Task JoinAsync(CancellationToken cancellationToken) => Client.JoinAsync(Classroom, cancellationToken);

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
