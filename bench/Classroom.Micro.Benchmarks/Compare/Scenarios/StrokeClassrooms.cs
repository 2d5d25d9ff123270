using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using Classroom.Micro.Benchmarks.Compare.Systems;
using Classroom.Micro.Benchmarks.Measurement;
using Classroom.Micro.Benchmarks.Protocol;

namespace Classroom.Micro.Benchmarks.Compare.Scenarios;

/// <summary>
/// Classrooms of members joined to one compared system, a bounded number of joins in flight (or, for the connect-rate
/// scenario, arriving open loop). Members that failed to join are counted, with the first reason, and not kept.
/// </summary>
internal sealed class StrokeClassrooms : IAsyncDisposable
{
    private readonly List<StrokeMember> _members = [];
    private readonly LatencyRecorder _joinLatency = new();
    private int _failures;
    private string? _firstFailure;

    public IReadOnlyList<StrokeMember> Members => _members;

    public IReadOnlyList<StrokeMember> Teachers => _members.Where(member => member.IsTeacher).ToList();

    public int Failures => _failures;

    public string? FirstFailure => _firstFailure;

    public LatencySummary JoinLatency => _joinLatency.Summarise();

    public int LostConnections => _members.Count(member => member.ConnectionLost);

    /// <summary>Classroom ids <c>&lt;prefix&gt;-&lt;n&gt;</c> for <paramref name="members"/> members in classrooms of <paramref name="classroomSize"/>.</summary>
    public static List<(string Classroom, int Index)> Roster(string prefix, int members, int classroomSize) =>
        Enumerable.Range(0, members)
            .Select(n => (string.Create(CultureInfo.InvariantCulture, $"{prefix}-{n / classroomSize}"), n % classroomSize))
            .ToList();

    /// <summary>Joins the roster, <paramref name="concurrency"/> at a time; a teacher is always among the first of a classroom.</summary>
    public async Task JoinAsync(ComparedSystem system, IReadOnlyList<(string Classroom, int Index)> roster, int concurrency, CancellationToken cancellationToken)
    {
        await system.PrepareAsync(roster.Select(member => member.Classroom).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        await Parallel.ForEachAsync(roster, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (member, cancel) => await JoinOneAsync(system, member.Classroom, member.Index, cancel));
    }

    /// <summary>Joins one member and keeps it, or counts why it failed.</summary>
    public async Task<bool> JoinOneAsync(ComparedSystem system, string classroom, int index, CancellationToken cancellationToken)
    {
        var member = new StrokeMember(system, classroom, index);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await member.JoinAsync(cancellationToken);
            _joinLatency.Record(started, Stopwatch.GetTimestamp());
            lock (_members)
            {
                _members.Add(member);
            }

            return true;
        }
        catch (Exception failure) when (failure is ProtocolException or WebSocketException or TimeoutException or HttpRequestException
            || (failure is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Interlocked.Increment(ref _failures);
            Interlocked.CompareExchange(ref _firstFailure, $"{classroom}/{index}: {failure.Message}", null);
            await member.DisposeAsync();
            return false;
        }
    }

    /// <summary>Closes every connection, many at a time.</summary>
    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_members, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (member, _) => await member.DisposeAsync());
        _members.Clear();
    }
}
