using Classroom.Micro.Edge.Subscriptions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Subscriptions;

public sealed class GapTimerTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(150);

    private readonly FakeTimeProvider _time = new();
    private int _fired;

    [Fact]
    public void Arming_again_before_it_fires_does_not_push_the_fill_back()
    {
        var timer = new GapTimer(_time, Delay, () => _fired++);

        timer.Arm();
        _time.Advance(Delay / 2);
        timer.Arm();
        _time.Advance(Delay / 2);

        Assert.Equal(1, _fired);
    }

    [Fact]
    public void After_it_fired_the_next_gap_arms_it_again()
    {
        var timer = new GapTimer(_time, Delay, () => _fired++);
        timer.Arm();
        _time.Advance(Delay);
        timer.Fired();

        timer.Arm();
        _time.Advance(Delay);

        Assert.Equal(2, _fired);
    }

    [Fact]
    public void Failed_reads_retry_later_each_time_until_one_succeeds()
    {
        var timer = new GapTimer(_time, Delay, () => _fired++);
        timer.Arm();
        _time.Advance(Delay);
        timer.Fired();

        // One failure doubles the delay (plus up to a quarter of jitter): not yet after one delay, surely after 2.5.
        timer.Failed();
        _time.Advance(Delay);
        Assert.Equal(1, _fired);
        _time.Advance(Delay * 1.5);
        Assert.Equal(2, _fired);

        timer.Fired();
        timer.Succeeded();
        timer.Arm();
        _time.Advance(Delay);
        Assert.Equal(3, _fired);
    }
}
