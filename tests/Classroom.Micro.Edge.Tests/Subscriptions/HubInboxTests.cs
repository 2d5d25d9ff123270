using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Subscriptions;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Subscriptions;

public sealed class HubInboxTests
{
    [Fact]
    public async Task Joins_waiting_next_to_each_other_come_out_as_one_batch_and_other_work_keeps_its_place()
    {
        var inbox = new HubInbox();
        HubWork.Join[] joins = [Join(1), Join(2), Join(3), Join(4)];
        inbox.Post(joins[0]);
        inbox.Post(joins[1]);
        inbox.Post(new HubWork.FillGap());
        inbox.Post(joins[2]);
        inbox.Post(joins[3]);
        inbox.Post(new HubWork.Stop());
        inbox.Complete();

        var first = Assert.IsType<HubWork.Joins>(await inbox.NextAsync());
        Assert.IsType<HubWork.FillGap>(await inbox.NextAsync());
        var second = Assert.IsType<HubWork.Joins>(await inbox.NextAsync());
        Assert.IsType<HubWork.Stop>(await inbox.NextAsync());

        Assert.Equal(joins[..2], first.Batch);
        Assert.Equal(joins[2..], second.Batch);
        Assert.Null(await inbox.NextAsync());
    }

    [Fact]
    public async Task The_item_after_a_batch_is_still_seen_by_a_peek_and_by_a_drain()
    {
        var inbox = new HubInbox();
        var join = Join(1);
        inbox.Post(join);
        inbox.Post(new HubWork.Stop());
        inbox.Post(Join(2));

        Assert.IsType<HubWork.Joins>(await inbox.NextAsync());

        Assert.True(inbox.NextIs<HubWork.Stop>());
        var drained = inbox.Drain().ToList();
        Assert.IsType<HubWork.Stop>(drained[0]);
        Assert.IsType<HubWork.Join>(drained[1]);
    }

    private static HubWork.Join Join(uint id) =>
        new(null!, new SubscribeCommand(id, "classroom:1", Recover: false, 0, null, JoinLeave: false, Token: null), new JoinTicket());
}
