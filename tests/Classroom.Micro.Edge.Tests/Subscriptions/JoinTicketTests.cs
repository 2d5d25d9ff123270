using Classroom.Micro.Edge.Subscriptions;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Subscriptions;

public sealed class JoinTicketTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_join_abandoned_before_the_hub_claims_it_is_never_answered()
    {
        var ticket = new JoinTicket();

        ticket.Abandon();

        Assert.False(ticket.TryClaim());
        Assert.False(await ticket.Outcome.WaitAsync(Timeout, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_join_the_hub_claimed_cannot_be_abandoned_and_ends_as_the_hub_says()
    {
        var ticket = new JoinTicket();

        Assert.True(ticket.TryClaim());
        ticket.Abandon();
        Assert.False(ticket.Outcome.IsCompleted);
        ticket.Complete(true);

        Assert.True(await ticket.Outcome.WaitAsync(Timeout, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_failed_join_cannot_be_claimed_afterwards()
    {
        var ticket = new JoinTicket();

        ticket.Fail();

        Assert.False(ticket.TryClaim());
        Assert.False(await ticket.Outcome.WaitAsync(Timeout, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Racing_claims_and_abandons_decide_every_ticket_exactly_once()
    {
        for (var i = 0; i < 2000; i++)
        {
            var ticket = new JoinTicket();
            var claimed = false;
            Parallel.Invoke(() => claimed = ticket.TryClaim(), ticket.Abandon);
            if (claimed)
            {
                Assert.False(ticket.Outcome.IsCompleted);
                ticket.Complete(true);
                Assert.True(await ticket.Outcome.WaitAsync(Timeout, TestContext.Current.CancellationToken));
            }
            else
            {
                Assert.False(await ticket.Outcome.WaitAsync(Timeout, TestContext.Current.CancellationToken));
            }
        }
    }
}
