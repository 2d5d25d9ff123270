using Classroom.Micro.EndToEnd.Tests.Hosting;
using Classroom.Micro.Testing.Cluster;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Messaging;

/// <summary>
/// A teacher and three students of classroom A spread over both edges, two students of classroom B; four members
/// of A publish 50 messages each at once (see <c>tests/e2e/broadcast.mjs</c>).
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class ClassroomBroadcastTests(ClusterFixture fixture, BroadcastRun run) : IClassFixture<BroadcastRun>
{
    private const int Timeout = 240_000;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact(Timeout = Timeout)]
    public async Task Members_of_one_classroom_are_spread_over_both_edges()
    {
        var outcome = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        var edgeOf = outcome.RegistryOnA.ToDictionary(subscription => subscription.ConnectionId, subscription => subscription.EdgeId);
        foreach (var label in new[] { "teacherA", "student1A", "student2A", "student3A" })
        {
            Assert.True(edgeOf.ContainsKey(outcome.ClientsByLabel[label]), $"{label} is not in the registry on classroom A.\n{outcome.Describe()}");
        }

        Assert.True(edgeOf[outcome.ClientsByLabel["student2A"]] == Cluster.EdgeId(0), $"student2A connected to edge 0 directly.\n{outcome.Describe()}");
        Assert.True(edgeOf[outcome.ClientsByLabel["student3A"]] == Cluster.EdgeId(1), $"student3A connected to edge 1 directly.\n{outcome.Describe()}");
        Assert.Equal(fixture.Cluster.EdgeIds.Order(), edgeOf.Values.Distinct().Order());
    }

    [Fact(Timeout = Timeout)]
    public async Task Every_member_receives_every_publication_of_its_classroom_exactly_once()
    {
        var outcome = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);
        var result = outcome.Result;

        Assert.True(result.DeliveryError is null, $"{result.DeliveryError}\n{outcome.Describe()}");
        Assert.Equal(4, outcome.MembersOf(outcome.ClassroomA).Count());
        Assert.Equal(2, outcome.MembersOf(outcome.ClassroomB).Count());
        foreach (var member in result.Members)
        {
            var expected = member.Channel == "classroom:" + outcome.ClassroomA ? result.ExpectedA : result.ExpectedB;
            Assert.True(
                member.Received == expected && member.Distinct == expected && member.Missing == 0 && member.Unexpected == 0,
                $"{member.Label} expected {expected} publications once each: got {member.Received}, {member.Distinct} distinct, {member.Missing} missing, {member.Unexpected} unexpected.\n{outcome.Describe()}");
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task Members_are_sent_one_order_with_gap_free_increasing_offsets()
    {
        var outcome = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        foreach (var classroom in new[] { outcome.ClassroomA, outcome.ClassroomB })
        {
            var members = outcome.MembersOf(classroom).ToList();
            foreach (var member in members)
            {
                var sent = member.Sent;
                Assert.True(sent.OffsetsIncreasing, $"{member.Label} was sent offsets that do not strictly increase, first at {sent.FirstInversion}.\n{outcome.Describe()}");
                Assert.True(
                    sent.LastOffset - sent.FirstOffset + 1 == sent.Count,
                    $"{member.Label} was sent offsets {sent.FirstOffset}..{sent.LastOffset} in {sent.Count} publications (gaps).\n{outcome.Describe()}");
            }

            Assert.True(members.Select(member => member.Sent.OrderHash).Distinct().Count() == 1, $"members of {classroom} were sent different orders.\n{outcome.Describe()}");
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task Publications_carry_the_identity_of_their_publisher()
    {
        var outcome = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        foreach (var member in outcome.Result.Members)
        {
            Assert.True(member.WrongPublisher == 0, $"{member.Label} received {member.WrongPublisher} publications whose info.user is not their publisher.\n{outcome.Describe()}");
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task A_classroom_receives_none_of_another_classrooms_publications()
    {
        var outcome = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        foreach (var member in outcome.Result.Members)
        {
            Assert.True(member.ForeignPushes == 0, $"{member.Label} was sent {member.ForeignPushes} publications of a channel other than {member.Channel}.\n{outcome.Describe()}");
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task Student_cannot_subscribe_to_another_classroom()
    {
        var outcome = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);
        var denied = outcome.Result.Denied;

        Assert.False(denied.Subscribed, $"{denied.Label} subscribed to {denied.Channel}.\n{outcome.Describe()}");
        Assert.True(denied.Code == 103, $"{denied.Label} was refused {denied.Channel} with {denied.Code} ({denied.Reason}), not 103 permission denied.\n{outcome.Describe()}");
        Assert.DoesNotContain(outcome.RegistryOnB, subscription => subscription.ConnectionId == denied.Client);
    }

    [Fact(Timeout = Timeout)]
    public async Task Registry_forgets_the_subscriptions_of_clients_that_disconnected()
    {
        var outcome = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        Assert.True(outcome.RegistryAfterDisconnect.Count == 0, $"subscriptions left after every client disconnected.\n{outcome.Describe()}");
    }
}
