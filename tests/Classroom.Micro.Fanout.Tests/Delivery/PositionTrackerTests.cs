using Classroom.Micro.Fanout.Delivery;
using Classroom.Micro.Fanout.Storage;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Delivery;

public sealed class PositionTrackerTests
{
    [Fact]
    public void An_append_finishing_late_does_not_move_the_position_back()
    {
        var tracker = new PositionTracker();

        tracker.Record("classroom:1", new LogPosition(5, "e1"));
        tracker.Record("classroom:1", new LogPosition(4, "e1"));

        Assert.Equal([new("classroom:1", new LogPosition(5, "e1"))], tracker.TakeRecent());
    }

    [Fact]
    public void A_new_epoch_replaces_the_old_position()
    {
        var tracker = new PositionTracker();

        tracker.Record("classroom:1", new LogPosition(500, "e1"));
        tracker.Record("classroom:1", new LogPosition(1, "e2"));

        Assert.Equal([new("classroom:1", new LogPosition(1, "e2"))], tracker.TakeRecent());
    }

    [Fact]
    public void Only_channels_appended_to_since_the_last_report_are_reported()
    {
        var tracker = new PositionTracker();
        tracker.Record("classroom:1", new LogPosition(1, "e1"));
        tracker.TakeRecent();

        tracker.Record("classroom:2", new LogPosition(7, "e2"));

        Assert.Equal([new("classroom:2", new LogPosition(7, "e2"))], tracker.TakeRecent());
        Assert.Empty(tracker.TakeRecent());
    }
}
