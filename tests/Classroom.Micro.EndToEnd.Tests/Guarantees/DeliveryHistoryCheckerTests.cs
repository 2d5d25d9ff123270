using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Guarantees;

/// <summary>The checker itself: a clean record passes, and each injected violation is caught as its property.</summary>
public sealed class DeliveryHistoryCheckerTests
{
    private const string Channel = "classroom:c";
    private const string Epoch = "e1";

    [Fact]
    public void A_clean_run_with_a_recovery_and_an_announced_gap_has_no_violation()
    {
        var record = Record(
            [Ack("a#0"), Ack("a#1"), Ack("a#2"), Ack("a#3")],
            Client("alice", Socket(Subscribed(0), Pub(1, "a#0"), Pub(2, "a#1"), Pub(3, "a#2"), Pub(4, "a#3"))),
            Client(
                "bob",
                Socket(Subscribed(0), Pub(1, "a#0")) with { ClosedAt = 15 },
                Socket(Subscribe(recover: true, offset: 1), Subscribed(4, recovered: true, pubs: [new(2, "a#1"), new(3, "a#2"), new(4, "a#3")]))),
            Client(
                "carol",
                Socket(Subscribed(0), Pub(1, "a#0")) with { ClosedAt = 15 },
                Socket(Subscribe(recover: true, offset: 1), Subscribed(4, epoch: "e2"))));

        var verdict = DeliveryHistoryChecker.Check(record with { Top = new StreamTop(Epoch, 4) });

        Assert.True(verdict.Violations.Count == 0, verdict.Describe());
        Assert.Equal("carol", Assert.Single(verdict.AnnouncedGaps).Client);
        Assert.Equal(1, verdict.Figures.Recoveries);
    }

    [Fact]
    public void An_acknowledged_publication_missing_at_a_connected_subscriber_breaks_P1()
    {
        var record = Record(
            [Ack("a#0"), Ack("a#1")],
            Client("alice", Socket(Subscribed(0), Pub(1, "a#0"), Pub(2, "a#1"))),
            Client("bob", Socket(Subscribed(0), Pub(1, "a#0"))));

        var verdict = DeliveryHistoryChecker.Check(record);

        Assert.Contains(verdict.Violations, violation => violation.Property == GuaranteeProperty.P1Delivered && violation.Client == "bob");
    }

    [Fact]
    public void An_acknowledged_publication_nobody_ever_saw_breaks_P1()
    {
        var record = Record([Ack("a#0"), Ack("a#1")], Client("alice", Socket(Subscribed(0), Pub(1, "a#0"))));

        var verdict = DeliveryHistoryChecker.Check(record);

        Assert.Contains(verdict.Violations, violation => violation.Property == GuaranteeProperty.P1Delivered && violation.Detail.Contains("a#1", StringComparison.Ordinal));
    }

    [Fact]
    public void An_offset_sent_twice_breaks_P2()
    {
        var record = Record(
            [Ack("a#0"), Ack("a#1")],
            Client("alice", Socket(Subscribed(0), Pub(1, "a#0"), Pub(2, "a#1"), Pub(2, "a#1"))));

        var verdict = DeliveryHistoryChecker.Check(record);

        Assert.Contains(verdict.Violations, violation => violation.Property == GuaranteeProperty.P2ExactlyOnce);
    }

    [Fact]
    public void A_recovery_that_repeats_what_the_client_asked_past_breaks_P2_but_one_the_sdk_asked_for_does_not()
    {
        var serverFault = Record(
            [Ack("a#0"), Ack("a#1")],
            Client("alice", Socket(Subscribed(0), Pub(1, "a#0"), Pub(2, "a#1")) with { ClosedAt = 9 }, Socket(Subscribe(recover: true, offset: 2), Subscribed(2, recovered: true), Pub(2, "a#1"))));
        var sdkAsked = Record(
            [Ack("a#0"), Ack("a#1")],
            Client("alice", Socket(Subscribed(0), Pub(1, "a#0"), Pub(2, "a#1")) with { ClosedAt = 9 }, Socket(Subscribe(recover: true, offset: 1), Subscribed(2, recovered: true, pubs: [new(2, "a#1")]))));

        Assert.Contains(DeliveryHistoryChecker.Check(serverFault).Violations, violation => violation.Property == GuaranteeProperty.P2ExactlyOnce);
        var verdict = DeliveryHistoryChecker.Check(sdkAsked);
        Assert.True(verdict.Violations.Count == 0, verdict.Describe());
        Assert.Equal(1, verdict.Figures.SdkCausedRedeliveries);
    }

    [Fact]
    public void An_unannounced_gap_breaks_P3()
    {
        var record = Record(
            [Ack("a#0"), Ack("a#1"), Ack("a#2")],
            Client("alice", Socket(Subscribed(0), Pub(1, "a#0"), Pub(3, "a#2"))),
            Client("bob", Socket(Subscribed(0), Pub(1, "a#0"), Pub(2, "a#1"), Pub(3, "a#2"))));

        var verdict = DeliveryHistoryChecker.Check(record);

        Assert.Contains(verdict.Violations, violation => violation.Property == GuaranteeProperty.P3Order && violation.Client == "alice");
    }

    [Fact]
    public void Two_members_with_different_bodies_at_one_offset_break_P3()
    {
        var record = Record(
            [Ack("a#0"), Ack("a#1")],
            Client("alice", Socket(Subscribed(0), Pub(1, "a#0"), Pub(2, "a#1"))),
            Client("bob", Socket(Subscribed(0), Pub(1, "a#1"), Pub(2, "a#0"))));

        var verdict = DeliveryHistoryChecker.Check(record);

        Assert.Contains(verdict.Violations, violation => violation.Property == GuaranteeProperty.P3Order && violation.Client == "members");
    }

    [Fact]
    public void A_partial_recovery_breaks_P3()
    {
        var record = Record(
            [Ack("a#0"), Ack("a#1"), Ack("a#2")],
            Client("alice", Socket(Subscribed(0), Pub(1, "a#0")) with { ClosedAt = 9 }, Socket(Subscribe(recover: true, offset: 1), Subscribed(3, recovered: true, pubs: [new(3, "a#2")]))));

        var verdict = DeliveryHistoryChecker.Check(record);

        Assert.Contains(verdict.Violations, violation => violation.Property == GuaranteeProperty.P3Order && violation.Detail.Contains("recovery", StringComparison.Ordinal));
    }

    [Fact]
    public void A_push_outside_a_subscription_breaks_P3()
    {
        var record = Record([Ack("a#0")], Client("alice", Socket(Pub(1, "a#0"), Subscribed(1))));

        var verdict = DeliveryHistoryChecker.Check(record);

        Assert.Contains(verdict.Violations, violation => violation.Property == GuaranteeProperty.P3Order && violation.Detail.Contains("outside", StringComparison.Ordinal));
    }

    [Fact]
    public void A_publish_without_an_outcome_breaks_P4()
    {
        var record = Record(
            [Ack("a#0"), new PublishAttempt("alice", Channel, "a#1", 5, null, "pending", null)],
            Client("alice", Socket(Subscribed(0), Pub(1, "a#0"))));

        var verdict = DeliveryHistoryChecker.Check(record);

        Assert.Equal(GuaranteeProperty.P4DefiniteOutcome, Assert.Single(verdict.Violations).Property);
    }

    private static DeliveryRecord Record(IReadOnlyList<PublishAttempt> publishes, params ClientRecord[] clients) =>
        new(Channel, 0, 100, 200, null, null, null, null, null, null, publishes, clients);

    private static PublishAttempt Ack(string body) => new("alice", Channel, body, 5, 6, "ack", null);

    private static ClientRecord Client(string label, params SocketRecord[] sockets) =>
        new(label, sockets.Select((socket, index) => socket with { Index = index }).ToList(), new Dictionary<string, IReadOnlyList<WirePublication>>());

    private static SocketRecord Socket(params WireEvent[] events) => new(0, "ws://edge", 0, null, null, events);

    private static WireEvent Subscribe(bool recover, long offset) => new("subscribe", 10, Channel, Recover: recover, Offset: offset, Epoch: Epoch);

    private static WireEvent Subscribed(long offset, bool recovered = false, IReadOnlyList<WirePublication>? pubs = null, string epoch = Epoch) =>
        new("subscribed", 1, Channel, Offset: offset, Epoch: epoch, Recovered: recovered, Pubs: pubs ?? []);

    private static WireEvent Pub(long offset, string body) => new("pub", 20, Channel, O: offset, B: body);
}
