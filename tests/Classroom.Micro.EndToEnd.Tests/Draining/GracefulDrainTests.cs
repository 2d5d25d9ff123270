using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Draining;

/// <summary>
/// SIGTERM to an edge holding half of a class while two members publish (see <see cref="DrainRun"/>): its clients leave
/// with 3001 spread over the drain window, come back on the other edge through the gateway, recover what they missed,
/// and the edge exits by itself, leaving nothing in the registry.
/// </summary>
public sealed class GracefulDrainTests(DrainRun run) : IClassFixture<DrainRun>
{
    private const int Timeout = 60_000;

    /// <summary>Scheduling slack on a loaded two-core machine.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    [Fact(Timeout = Timeout)]
    public void The_class_was_spread_over_both_edges_when_one_was_told_to_stop()
    {
        Assert.True(run.Before.Count == DrainRun.Members, $"{run.Before.Count} subscriptions before the drain.\n{run.Describe()}");
        Assert.True(run.Before.Count(subscription => subscription.EdgeId == DrainRun.DrainedEdge) >= 2, run.Describe());
        Assert.True(run.Before.Count(subscription => subscription.EdgeId == DrainRun.RemainingEdge) >= 2, run.Describe());
        Assert.Equal(run.Before.Count(subscription => subscription.EdgeId == DrainRun.DrainedEdge), run.DrainedClients().Count);
    }

    [Fact(Timeout = Timeout)]
    public void The_drained_edges_clients_end_on_the_other_edge_having_recovered_and_the_others_stay_put()
    {
        var drained = run.DrainedClients();

        Assert.True(run.MoveError is null, run.Describe());
        Assert.All(run.After, subscription => Assert.Equal(DrainRun.RemainingEdge, subscription.EdgeId));
        var now = run.After.Select(subscription => subscription.ConnectionId).ToHashSet(StringComparer.Ordinal);
        foreach (var (client, socket) in drained)
        {
            Assert.True(socket.CloseCode == 3001, $"{client.Label} was closed with {socket.CloseCode}, not 3001 (shutdown, reconnect).\n{run.Describe()}");
            var later = client.Sockets.Where(next => next.Index > socket.Index).ToList();
            Assert.True(
                later.SelectMany(next => next.Events).Any(wire => wire.K == "connected" && now.Contains(wire.Client!)),
                $"{client.Label} did not come back on {DrainRun.RemainingEdge}.\n{run.Describe()}");
            var resubscribe = later.SelectMany(next => next.Events).FirstOrDefault(wire => wire.K == "subscribed" && wire.Channel == run.Channel);
            Assert.True(resubscribe is { WasRecovering: true, Recovered: true }, $"{client.Label} resubscribed as {resubscribe}, not recovered.\n{run.Describe()}");
        }

        var stayed = run.Record.Clients.Where(client => drained.All(pair => pair.Client.Label != client.Label)).ToList();
        Assert.All(stayed, client => Assert.True(client.Sockets.Count == 1, $"{client.Label} on {DrainRun.RemainingEdge} reconnected.\n{run.Describe()}"));
    }

    [Fact(Timeout = Timeout)]
    public void Every_member_is_sent_every_acknowledged_publication_exactly_once_in_order()
    {
        var verdict = run.Verdict;
        TestContext.Current.TestOutputHelper?.WriteLine(verdict.Figures.ToString());

        Assert.True(run.Record.SettleError is null, run.Describe());
        Assert.True(verdict.Violations.Count == 0, run.Describe());
        Assert.Empty(verdict.AnnouncedGaps);
        Assert.True(verdict.Figures.Acknowledged >= 300, $"only {verdict.Figures.Acknowledged} publications were acknowledged.\n{run.Describe()}");
        // Publishing went on while the clients moved: some publications were acknowledged during the drain.
        Assert.True(
            run.Record.Publishes.Any(publish => publish.Acknowledged && publish.SentAt > run.TerminatedAt && publish.SettledAt < run.TerminatedAt + (long)DrainRun.Window.TotalMilliseconds),
            $"nothing was published during the drain window.\n{run.Describe()}");
    }

    [Fact(Timeout = Timeout)]
    public void Disconnects_are_spread_over_the_drain_window()
    {
        var closedAt = run.DrainedClients().Select(pair => pair.Socket.ClosedAt ?? long.MaxValue).Order().ToList();
        var window = (long)DrainRun.Window.TotalMilliseconds;
        var offsets = $"closed at +[{string.Join(", ", closedAt.Select(at => at - run.TerminatedAt))}] ms after SIGTERM";
        var described = $"{offsets}.\n{run.Describe()}";
        TestContext.Current.TestOutputHelper?.WriteLine($"{offsets}; the edge exited after {run.ExitTook.TotalMilliseconds:F0} ms");

        Assert.True(closedAt.Count >= 2, described);
        Assert.True(closedAt[0] >= run.TerminatedAt, described);
        Assert.True(closedAt[^1] - run.TerminatedAt <= window + (long)Margin.TotalMilliseconds, described);
        // n clients leave at 0, w/n, …, (n-1)w/n: the first and the last are (n-1)/n of the window apart.
        var expectedSpread = window * (closedAt.Count - 1) / closedAt.Count;
        Assert.True(closedAt[^1] - closedAt[0] >= expectedSpread / 2, described);
    }

    [Fact(Timeout = Timeout)]
    public void The_drained_edge_exits_by_itself_with_code_0_within_its_grace_period_and_leaves_nothing_in_the_registry()
    {
        Assert.True(run.ExitError is null, run.Describe());
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}.\n{run.Describe()}");
        Assert.True(run.ExitTook <= DrainRun.GracePeriod, $"the edge took {run.ExitTook} to exit.\n{run.Describe()}");
        Assert.DoesNotContain(DrainRun.DrainedEdge, run.LeasesAtExit);
        Assert.Contains(DrainRun.RemainingEdge, run.LeasesAtExit);
        Assert.Empty(run.DrainedEdgeEntriesAtExit);
    }
}
