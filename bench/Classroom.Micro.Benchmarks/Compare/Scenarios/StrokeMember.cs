using Classroom.Micro.Benchmarks.Compare.Clients;
using Classroom.Micro.Benchmarks.Compare.Systems;

namespace Classroom.Micro.Benchmarks.Compare.Scenarios;

/// <summary>A member of a classroom on one compared system (member 0 is the teacher, who publishes).</summary>
internal sealed class StrokeMember : IAsyncDisposable
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

    public Task JoinAsync(CancellationToken cancellationToken) => Client.JoinAsync(Classroom, cancellationToken);

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
