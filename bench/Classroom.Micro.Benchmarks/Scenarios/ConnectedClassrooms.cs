using System.Diagnostics;
using System.Globalization;
using Classroom.Micro.Benchmarks.Measurement;
using Classroom.Micro.Benchmarks.Protocol;

namespace Classroom.Micro.Benchmarks.Scenarios;

/// <summary>
/// Classrooms of members (the first of each a teacher) connected and subscribed through the gateway, a bounded number
/// at a time. Members that failed to join (no token, no connection, no subscription) are counted, not kept.
/// </summary>
internal sealed class ConnectedClassrooms : IAsyncDisposable
{
    private ConnectedClassrooms(IReadOnlyList<ClassroomMember> members, int failures, string? firstFailure, TimeSpan elapsed, LatencySummary joinLatency)
    {
        Members = members;
        Failures = failures;
        FirstFailure = firstFailure;
        Elapsed = elapsed;
        JoinLatency = joinLatency;
    }

    public IReadOnlyList<ClassroomMember> Members { get; }

    /// <summary>The publishing member of each classroom.</summary>
    public IReadOnlyList<ClassroomMember> Teachers => Members.Where(member => member.IsTeacher).ToList();

    /// <summary>Members that could not get a token, connect or subscribe.</summary>
    public int Failures { get; }

    public string? FirstFailure { get; }

    /// <summary>Wall time from the first connect to the last subscribe reply (tokens were minted before).</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Connect plus subscribe, per member.</summary>
    public LatencySummary JoinLatency { get; }

    /// <summary>
    /// Joins <paramref name="members"/> members to classrooms of <paramref name="classroomSize"/> named
    /// <c>&lt;runId&gt;-&lt;n&gt;</c>, <paramref name="concurrency"/> joins in flight at a time.
    /// </summary>
    public static async Task<ConnectedClassrooms> JoinAsync(
        Uri gateway, string runId, int members, int classroomSize, int concurrency, CancellationToken cancellationToken)
    {
        var roster = Enumerable.Range(0, members).Select(index =>
        {
            var classroom = string.Create(CultureInfo.InvariantCulture, $"{runId}-{index / classroomSize}");
            return new ClassroomMember(string.Create(CultureInfo.InvariantCulture, $"{classroom}-u{index % classroomSize}"), classroom, index % classroomSize == 0);
        }).ToList();

        var failures = 0;
        string? firstFailure = null;
        void Fail(ClassroomMember member, string reason)
        {
            Interlocked.Increment(ref failures);
            Interlocked.CompareExchange(ref firstFailure, $"{member.User}: {reason}", null);
        }

        using var tokens = new DevTokenClient(gateway);
        var minted = new string?[roster.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, roster.Count), parallel, async (index, cancel) =>
        {
            var member = roster[index];
            try
            {
                minted[index] = await tokens.MintAsync(member.User, member.IsTeacher ? "teacher" : "student", member.Classroom, cancel);
            }
            catch (Exception failure) when (failure is HttpRequestException or System.Text.Json.JsonException
                || (failure is OperationCanceledException && !cancel.IsCancellationRequested))
            {
                // A gateway or auth that refuses tokens (an error status, a body without one, no answer in time) fails
                // the member's join; the run goes on and reports it.
                Fail(member, failure.Message);
            }
        });

        var latency = new LatencyRecorder();
        var joined = new bool[roster.Count];
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, roster.Count), parallel, async (index, cancel) =>
        {
            if (minted[index] is not { } token)
            {
                return;
            }

            var joinStarted = Stopwatch.GetTimestamp();
            try
            {
                await roster[index].JoinAsync(gateway, token, cancel);
                latency.Record(joinStarted, Stopwatch.GetTimestamp());
                joined[index] = true;
            }
            catch (Exception failure) when (failure is ProtocolException or System.Net.WebSockets.WebSocketException or TimeoutException)
            {
                Fail(roster[index], failure.Message);
                await roster[index].DisposeAsync();
            }
        });

        var elapsed = Stopwatch.GetElapsedTime(started);
        var kept = roster.Where((_, index) => joined[index]).ToList();
        return new ConnectedClassrooms(kept, failures, firstFailure, elapsed, latency.Summarise());
    }

    /// <summary>Members whose connection ended while the benchmark still held it.</summary>
    public int LostConnections => Members.Count(member => member.ConnectionLost);

    /// <summary>Closes every connection, many at a time.</summary>
    public async ValueTask DisposeAsync() =>
        await Parallel.ForEachAsync(Members, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (member, _) => await member.DisposeAsync());
}
