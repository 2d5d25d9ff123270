using Classroom.Micro.Fanout.Storage;
using Classroom.Micro.Fanout.V1;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Storage;

/// <summary>The one home of error 112: when a read cannot continue from the caller's position.</summary>
public sealed class ReadContinuityTests
{
    private const string Epoch = "epoch-1";

    // A stream at offset 10 that retains 6..10.
    private static readonly StreamSlice Retained = new([], new LogPosition(10, Epoch), FirstRetainedOffset: 6);

    [Theory]
    [InlineData(5UL, "", 10, false, false)] // the next publication, 6, is retained
    [InlineData(5UL, Epoch, 10, false, false)]
    [InlineData(0UL, "", 10, false, false)] // offset 0: everything still retained, never a gap
    [InlineData(10UL, "", 10, false, false)] // at the head
    [InlineData(4UL, "", 10, false, true)] // 5 is gone: a silent gap
    [InlineData(4UL, "", 0, false, false)] // position only: nothing to continue
    [InlineData(4UL, "", 10, true, false)] // newest first: not a continuation
    [InlineData(5UL, "epoch-0", 10, false, true)] // another epoch
    [InlineData(0UL, "epoch-0", 0, false, true)]
    public void A_read_is_unrecoverable_only_after_another_epoch_or_past_a_trim(ulong sinceOffset, string sinceEpoch, int limit, bool reverse, bool expected)
    {
        var request = new ReadStreamRequest { Channel = "classroom:1", SinceOffset = sinceOffset, SinceEpoch = sinceEpoch, Limit = limit, Reverse = reverse };

        Assert.Equal(expected, ReadContinuity.IsUnrecoverable(request, Retained));
    }

    [Fact]
    public void Every_position_before_the_head_of_an_emptied_stream_is_unrecoverable()
    {
        var emptied = new StreamSlice([], new LogPosition(10, Epoch), FirstRetainedOffset: 0);

        Assert.True(ReadContinuity.IsUnrecoverable(new ReadStreamRequest { SinceOffset = 9, Limit = -1 }, emptied));
        Assert.False(ReadContinuity.IsUnrecoverable(new ReadStreamRequest { SinceOffset = 10, Limit = -1 }, emptied));
    }
}
