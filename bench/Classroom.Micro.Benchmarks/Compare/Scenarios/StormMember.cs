using Classroom.Micro.Benchmarks.Compare.Clients;

namespace Classroom.Micro.Benchmarks.Compare.Scenarios;

/// <summary>A member of the reconnect storm: one ledger across its connections, the current one replaced when it resumes.</summary>
internal sealed class StormMember(string classroom, int index, int edge) : IAsyncDisposable
{
    public string Classroom { get; } = classroom;

    public int Index { get; } = index;

    public int Edge { get; } = edge;

    public bool IsTeacher => Index == 0;

    public StrokeLedger Ledger { get; } = new();

    public CentrifugoStrokeClient? Client { get; set; }

    /// <summary>Connections that were lost and replaced (the first one, on the killed edge, is expected to be).</summary>
    public List<CentrifugoStrokeClient> Replaced { get; } = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Replaced.Append(Client).OfType<CentrifugoStrokeClient>())
        {
            await client.DisposeAsync();
        }
    }
}
