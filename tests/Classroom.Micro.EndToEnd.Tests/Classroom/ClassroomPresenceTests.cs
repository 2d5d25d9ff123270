using Classroom.Micro.EndToEnd.Tests.Hosting;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Classroom;

/// <summary>
/// Presence of one classroom across both edges: a teacher on edge 0 and a listener on edge 1 subscribe with
/// joinLeave, a student has two tabs, one on each edge (see <c>tests/e2e/classroom-presence.mjs</c>).
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class ClassroomPresenceTests(ClusterFixture fixture, PresenceRun run) : IClassFixture<PresenceRun>
{
    private const int Timeout = 150_000;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [Fact(Timeout = Timeout)]
    public async Task Presence_lists_every_connection_of_both_edges_on_either_edge()
    {
        var (result, output) = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);
        var expected = result.Clients.Values.Order().ToList();

        Assert.True(expected.SequenceEqual(result.Before.Edge0.Clients.Keys.Order()), $"presence on edge 0 lists {string.Join(", ", result.Before.Edge0.Clients.Keys)}, not {string.Join(", ", expected)}.\n{output}");
        Assert.True(expected.SequenceEqual(result.Before.Edge1.Clients.Keys.Order()), $"presence on edge 1 lists {string.Join(", ", result.Before.Edge1.Clients.Keys)}, not {string.Join(", ", expected)}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Presence_entries_carry_the_user_with_name_and_role()
    {
        var (result, output) = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);
        var expected = new Dictionary<string, (string User, string Name, string Role)>
        {
            [result.Clients["teacher"]] = (result.Users["teacher"], "Ms Teacher", "teacher"),
            [result.Clients["listener"]] = (result.Users["listener"], "Listening Student", "student"),
            [result.Clients["tabA"]] = (result.Users["twoTabs"], "Tab Student", "student"),
            [result.Clients["tabB"]] = (result.Users["twoTabs"], "Tab Student", "student"),
        };

        foreach (var (client, entry) in result.Before.Edge0.Clients)
        {
            Assert.True(expected.TryGetValue(client, out var who), $"unexpected client {client} in presence.\n{output}");
            Assert.True(
                entry.User == who.User && entry.Client == client && entry.InfoString("name") == who.Name && entry.InfoString("role") == who.Role,
                $"presence entry of {client} is {entry}, expected user {who.User}, name {who.Name}, role {who.Role}.\n{output}");
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task Presence_stats_count_people_and_sockets_separately()
    {
        var (result, output) = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        // Four sockets, three people: the student with two tabs counts once.
        Assert.True(result.Before.Edge0.Stats == new PresenceStats(4, 3), $"stats on edge 0: {result.Before.Edge0.Stats}.\n{output}");
        Assert.True(result.Before.Edge1.Stats == new PresenceStats(4, 3), $"stats on edge 1: {result.Before.Edge1.Stats}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Subscribers_with_join_leave_see_later_subscribers_join_from_either_edge()
    {
        var (result, output) = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        Assert.True(result.JoinError is null, $"{result.JoinError}.\n{output}");
        var teacherSaw = result.Joins.Teacher.Select(join => join.Client).ToHashSet();
        var listenerSaw = result.Joins.Listener.Select(join => join.Client).ToHashSet();
        Assert.True(
            new[] { "listener", "tabA", "tabB" }.All(label => teacherSaw.Contains(result.Clients[label])),
            $"the teacher (edge 0) saw joins of [{string.Join(", ", teacherSaw)}].\n{output}");
        Assert.True(
            new[] { "tabA", "tabB" }.All(label => listenerSaw.Contains(result.Clients[label])),
            $"the listener (edge 1) saw joins of [{string.Join(", ", listenerSaw)}].\n{output}");
        var tabJoin = result.Joins.Teacher.First(join => join.Client == result.Clients["tabB"]);
        Assert.True(tabJoin.User == result.Users["twoTabs"], $"the join of tab B names {tabJoin.User}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Subscribers_with_join_leave_see_an_unsubscribe_and_a_disconnect_as_leaves()
    {
        var (result, output) = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        Assert.True(result.LeaveError is null, $"{result.LeaveError}.\n{output}");
        var left = result.Leaves.Teacher.Select(leave => leave.Client).ToHashSet();
        Assert.Contains(result.Clients["tabB"], left);
        Assert.Contains(result.Clients["listener"], left);
        Assert.DoesNotContain(result.Clients["tabA"], left);
    }

    [Fact(Timeout = Timeout)]
    public async Task Subscribers_without_join_leave_get_no_join_or_leave_pushes()
    {
        var (result, output) = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        Assert.True(result.UnaskedPresencePushes.Values.All(count => count == 0), $"join/leave pushes sent to sockets that did not ask: {string.Join(", ", result.UnaskedPresencePushes)}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Presence_forgets_connections_that_left_while_counting_the_rest()
    {
        var (result, output) = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        Assert.True(
            result.After.Clients.Keys.Order().SequenceEqual(new[] { result.Clients["teacher"], result.Clients["tabA"] }.Order()),
            $"presence after the leaves lists {string.Join(", ", result.After.Clients.Keys)}.\n{output}");
        Assert.True(result.After.Stats == new PresenceStats(2, 2), $"stats after the leaves: {result.After.Stats}.\n{output}");
    }
}
