using System.Diagnostics;
using System.Net.WebSockets;
using Classroom.Micro.Benchmarks.Compare.Systems;
using Classroom.Micro.Benchmarks.Measurement;
using Classroom.Micro.Benchmarks.Protocol;
using Classroom.Micro.Benchmarks.Scenarios;

namespace Classroom.Micro.Benchmarks.Compare.Scenarios;

/// <summary>
/// The reconnect storm, for ours with clients on the edges: members of classrooms alternate between the two edges
/// (teachers on edge 0), every teacher publishes throughout, and one second in edge 1 is killed with SIGKILL. Each of
/// its members notices the loss, waits a random 0–500 ms (as the SDK's first reconnect does), joins edge 0 asking to
/// recover from its last offset, and retries with backoff while that fails. Measured: how many recovered within the
/// target, kill → recovered latency, that every member got every stroke once in order, and how long the registry
/// still named the dead edge. Peers have no recovery to measure, so the scenario runs on ours only.
/// </summary>
internal static class StormScenario
{
    private const int KilledEdge = 1;
    private const int SurvivingEdge = 0;
    private static readonly TimeSpan FirstReconnectJitter = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ResumeDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LeadBeforeKill = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static async Task<StormResult> RunAsync(OursSystem system, CompareSettings settings, string runId, CancellationToken cancellationToken)
    {
        var members = StrokeClassrooms.Roster(runId + "s", settings.StormConnectionsPerEdge * 2, settings.ClassroomSize)
            .Select(member => new StormMember(member.Classroom, member.Index, member.Index % 2))
            .ToList();
        var classrooms = members.Select(member => member.Classroom).Distinct(StringComparer.Ordinal).ToList();
        try
        {
            await system.PrepareAsync(classrooms, cancellationToken);
            await Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = settings.JoinConcurrency, CancellationToken = cancellationToken },
                async (member, cancel) =>
                {
                    member.Client = system.CreateClientOnEdge(member.Edge, member.Classroom, member.Index, member.Ledger.Record);
                    await member.Client.JoinAsync(member.Classroom, cancel);
                });

            return await StormAsync(system, settings, members, classrooms, cancellationToken);
        }
        finally
        {
            await Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (member, _) => await member.DisposeAsync());
        }
    }

    private static async Task<StormResult> StormAsync(OursSystem system, CompareSettings settings, List<StormMember> members, List<string> classrooms, CancellationToken cancellationToken)
    {
        var teachers = members.Where(member => member.IsTeacher).ToList();
        var killed = members.Where(member => member.Edge == KilledEdge).ToList();
        var publicationsPerClassroom = Math.Max(1, (int)Math.Round(settings.StormRatePerClassroom * (LeadBeforeKill.TotalSeconds + settings.StormSeconds)));
        var failedPublishes = 0L;

        var publishing = PublishAsync();
        await Task.Delay(LeadBeforeKill, cancellationToken);
        var killedAt = Stopwatch.GetTimestamp();
        system.KillEdgeHard(KilledEdge);

        var stale = StaleEntriesAsync(system, classrooms, killedAt, cancellationToken);
        var recovered = new LatencyRecorder();
        var recoveredWithinTarget = 0;
        var resumed = 0;
        var recoveredCount = 0;
        string? firstFailure = null;
        await Task.WhenAll(killed.Select(member => Task.Run(async () =>
        {
            var (outcome, failure) = await ResumeAsync(system, member, cancellationToken);
            if (outcome is null)
            {
                Interlocked.CompareExchange(ref firstFailure, $"{member.Classroom}/{member.Index}: {failure}", null);
                return;
            }

            Interlocked.Increment(ref resumed);
            if (outcome.Value)
            {
                var now = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref recoveredCount);
                recovered.Record(killedAt, now);
                if (Stopwatch.GetElapsedTime(killedAt, now).TotalSeconds <= settings.StormTargetSeconds)
                {
                    Interlocked.Increment(ref recoveredWithinTarget);
                }
            }
        }, cancellationToken)));

        await publishing;
        var staleAtBound = await stale;

        var deadline = Stopwatch.GetTimestamp() + (long)(settings.DrainTimeoutSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline && !members.All(member => member.Ledger.Count >= publicationsPerClassroom || member.Client is null || member.Client.WasLost))
        {
            await Task.Delay(Poll, cancellationToken);
        }

        var integrity = DeliveryIntegrity.None with { FailedPublishes = failedPublishes };
        foreach (var member in members)
        {
            integrity = integrity.Add(DeliveryIntegrity.OfMember(member.Ledger.Take(), publicationsPerClassroom, member.Client is null || member.Client.WasLost));
        }

        return new StormResult(
            settings.StormConnectionsPerEdge,
            killed.Count,
            resumed,
            recoveredCount,
            recoveredWithinTarget,
            settings.StormTargetSeconds,
            firstFailure,
            recovered.Summarise(),
            publicationsPerClassroom,
            integrity,
            staleAtBound.AtBound,
            staleAtBound.ClearedSeconds,
            Math.Round(OursSystem.LeaseBound.TotalSeconds, 2));

        async Task PublishAsync()
        {
            var interval = Stopwatch.Frequency / (settings.StormRatePerClassroom * teachers.Count);
            var total = (long)publicationsPerClassroom * teachers.Count;
            var started = Stopwatch.GetTimestamp();
            var publishes = new List<Task>((int)total);
            for (var k = 0L; k < total; k++)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), started + (long)(k * interval));
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait, cancellationToken);
                }

                var teacher = teachers[(int)(k % teachers.Count)];
                var sequence = k / teachers.Count;
                publishes.Add(Task.Run(async () =>
                {
                    try
                    {
                        await teacher.Client!.PublishAsync(teacher.Classroom, WhiteboardStroke.Create(sequence, Stopwatch.GetTimestamp(), settings.PayloadBytes), cancellationToken);
                    }
                    catch (Exception failure) when (failure is ProtocolException or TimeoutException or WebSocketException)
                    {
                        Interlocked.Increment(ref failedPublishes);
                    }
                }, cancellationToken));
            }

            await Task.WhenAll(publishes);
        }
    }

    /// <summary>
    /// Waits for the member's connection to drop, then joins the surviving edge recovering from where it was, retrying
    /// with backoff until the deadline. Returns whether the subscribe answered <c>recovered</c>, or null and the last
    /// failure if it never joined.
    /// </summary>
    private static async Task<(bool? Recovered, string? Failure)> ResumeAsync(OursSystem system, StormMember member, CancellationToken cancellationToken)
    {
        var lost = member.Client!;
        try
        {
            await lost.Lost.WaitAsync(ResumeDeadline, cancellationToken);
        }
        catch (TimeoutException)
        {
            return (null, "its connection to the killed edge never ended");
        }

        var position = lost.Position;
        var giveUpAt = Stopwatch.GetTimestamp() + (long)(ResumeDeadline.TotalSeconds * Stopwatch.Frequency);
        var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * FirstReconnectJitter.TotalMilliseconds);
        var lastFailure = "no attempt before the deadline";
        for (var attempt = 0; Stopwatch.GetTimestamp() < giveUpAt; attempt++)
        {
            await Task.Delay(delay, cancellationToken);
            var client = system.CreateClientOnEdge(SurvivingEdge, member.Classroom, member.Index, member.Ledger.Record, position);
            try
            {
                await client.JoinAsync(member.Classroom, cancellationToken);
                member.Replaced.Add(lost);
                member.Client = client;
                return (client.Recovered, null);
            }
            catch (Exception failure) when (failure is ProtocolException or WebSocketException or TimeoutException)
            {
                lastFailure = $"{failure.GetType().Name}: {failure.Message}";
                await client.DisposeAsync();
                var backoff = Math.Min(MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, attempt + 1));
                delay = TimeSpan.FromMilliseconds(backoff / 2 + Random.Shared.NextDouble() * backoff / 2);
            }
        }

        return (null, lastFailure);
    }

    /// <summary>Registry entries naming the killed edge once the lease bound has passed, and when (since the kill) they were all gone.</summary>
    private static async Task<(int AtBound, double? ClearedSeconds)> StaleEntriesAsync(OursSystem system, List<string> classrooms, long killedAt, CancellationToken cancellationToken)
    {
        var channels = classrooms.Select(classroom => "classroom:" + classroom).ToList();
        var bound = OursSystem.LeaseBound;
        var sinceKill = Stopwatch.GetElapsedTime(killedAt);
        if (sinceKill < bound)
        {
            await Task.Delay(bound - sinceKill, cancellationToken);
        }

        var atBound = await HeldAsync();
        var held = atBound;
        while (held > 0 && Stopwatch.GetElapsedTime(killedAt) < bound * 3)
        {
            await Task.Delay(Poll * 4, cancellationToken);
            held = await HeldAsync();
        }

        // When the count that found none ended: every entry was gone by then (a dead edge's entries never come back).
        return (atBound, held == 0 ? Math.Round(Stopwatch.GetElapsedTime(killedAt).TotalSeconds, 2) : null);

        // Every channel asked at once: one channel after another, a count on a loaded machine took seconds, and the
        // figure "at the bound" described a moment long after it.
        async Task<int> HeldAsync() =>
            (await Task.WhenAll(channels.Select(channel => system.SubscriptionsHeldByAsync(KilledEdge, [channel], cancellationToken)))).Sum();
    }
}
