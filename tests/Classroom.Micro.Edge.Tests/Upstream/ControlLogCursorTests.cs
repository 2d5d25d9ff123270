using Classroom.Micro.Edge.Upstream;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Upstream;

public sealed class ControlLogCursorTests
{
    private const long Started = 1_800_000_000_000;

    [Fact]
    public void A_command_is_applied_once_however_many_replicas_send_it_and_unrecorded_ones_always()
    {
        var cursor = new ControlLogCursor(Started);

        Assert.True(cursor.FirstSighting("1800000005000-0"));
        Assert.False(cursor.FirstSighting("1800000005000-0"));
        Assert.True(cursor.FirstSighting("1800000004000-3"));
        Assert.True(cursor.FirstSighting(string.Empty));
        Assert.True(cursor.FirstSighting(string.Empty));
    }

    [Fact]
    public void Replays_start_a_margin_before_the_newest_command_seen_but_never_before_the_edge_started()
    {
        var cursor = new ControlLogCursor(Started);
        var atStart = cursor.ReplayFrom;
        cursor.FirstSighting("1800000030000-1");
        cursor.FirstSighting("1800000020000-0");
        cursor.FirstSighting("odd");

        Assert.Equal("1800000000000-0", atStart);
        Assert.Equal("1800000020000-0", cursor.ReplayFrom);
    }
}
