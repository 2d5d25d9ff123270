using Classroom.Micro.Testing.Cluster;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Classroom;

/// <summary>
/// kill -9 of the edge a muted student is on, on a cluster of its own (see <c>tests/e2e/edge-loss.mjs</c>): the
/// other edge's members are told who left and presence forgets the dead edge's connections within the registry's
/// lease bound; the student comes back through the gateway on the other edge, still muted.
/// </summary>
public sealed class EdgeLossTests(EdgeLossRun run) : IClassFixture<EdgeLossRun>
{
    private const int Timeout = 300_000;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    private static long BoundMs => (long)(Cluster.LeaseBound + EdgeLossRun.Margin).TotalMilliseconds;

    [Fact(Timeout = Timeout)]
    public async Task Presence_forgets_the_connections_of_a_killed_edge_within_the_lease_bound()
    {
        var (result, output) = await run.GetAsync().WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        Assert.True(
            result.PresenceMs is { } ms && ms <= BoundMs,
            $"presence on {result.SurvivorEdge} still listed connections of {result.KilledEdge} ({string.Join(", ", result.Gone)}) after {BoundMs} ms: {result.LastPresence}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Members_on_the_surviving_edge_are_told_the_killed_edges_connections_left()
    {
        var (result, output) = await run.GetAsync().WaitAsync(RunTimeout, TestContext.Current.CancellationToken);
        var left = result.Leaves.Select(leave => leave.Client).ToHashSet();

        Assert.True(
            result.Gone.All(left.Contains) && result.LeaveMs is { } ms && ms <= BoundMs,
            $"within {BoundMs} ms the surviving teacher saw leaves of [{string.Join(", ", left)}], expected [{string.Join(", ", result.Gone)}] (after {result.LeaveMs} ms).\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Student_reconnects_through_the_gateway_to_the_surviving_edge()
    {
        var (result, output) = await run.GetAsync().WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        Assert.True(result.ReconnectError is null, $"{result.ReconnectError}.\n{output}");
        Assert.True(result.MutedNodes.Count >= 2 && result.MutedNodes[^1] == result.SurvivorEdge, $"the student's connections were on [{string.Join(", ", result.MutedNodes)}].\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Mute_outlives_the_edge_the_student_was_on_until_unmuted()
    {
        var (result, output) = await run.GetAsync().WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        Assert.True(result.Mute.Ok && result.MutedBefore.Settled && result.MutedBefore.Last?.Code == 103, $"the student was not muted before the kill: {result.Mute}, {result.MutedBefore}.\n{output}");
        Assert.True(result.MutedAfterRestart is { Ok: false, Code: 103 }, $"on the surviving edge the student's publish was {result.MutedAfterRestart}, not refused with 103.\n{output}");
        Assert.True(result.Unmute.Ok && result.AfterUnmute is { Settled: true, Last.Ok: true }, $"after unmute on the surviving edge: {result.Unmute}, {result.AfterUnmute}.\n{output}");
    }
}
