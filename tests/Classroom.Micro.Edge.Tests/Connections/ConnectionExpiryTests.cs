using Classroom.Micro.Edge.Connections;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Connections;

public sealed class ConnectionExpiryTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_lapsed_token_expires_once_the_grace_has_passed()
    {
        var time = new FakeTimeProvider(Start);
        var expired = 0;
        using var expiry = new ConnectionExpiry(time, Grace, () => expired++);

        expiry.ExpireAt(Start.AddSeconds(5));
        time.Advance(TimeSpan.FromSeconds(5) + Grace - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, expired);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, expired);
    }

    [Fact]
    public void A_timer_that_fires_a_fraction_early_by_the_wall_clock_still_expires_the_connection()
    {
        // Token expiries are whole seconds, the clock is not, and real timers truncate their due time to whole
        // milliseconds: the timer fires a fraction of a millisecond before the clock reaches the deadline.
        var time = new FakeTimeProvider(Start.AddTicks(4_000));
        var expired = 0;
        using var expiry = new ConnectionExpiry(new WholeMillisecondTimers(time), Grace, () => expired++);

        expiry.ExpireAt(Start.AddSeconds(5));
        // The fake clock wakes a timer with the clock at the target time, so step exactly to when it fires.
        time.Advance(TimeSpan.FromMilliseconds(6_999));
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, expired);
    }

    [Fact]
    public void A_refresh_moves_the_expiry_and_the_old_deadline_passes_quietly()
    {
        var time = new FakeTimeProvider(Start);
        var expired = 0;
        using var expiry = new ConnectionExpiry(time, Grace, () => expired++);

        expiry.ExpireAt(Start.AddSeconds(5));
        time.Advance(TimeSpan.FromSeconds(4));
        expiry.ExpireAt(Start.AddSeconds(65));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, expired);
        Assert.Equal(Start.AddSeconds(65), expiry.ExpiresAt);

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, expired);
    }

    [Fact]
    public void A_token_without_expiry_never_expires_the_connection()
    {
        var time = new FakeTimeProvider(Start);
        var expired = 0;
        using var expiry = new ConnectionExpiry(time, Grace, () => expired++);

        expiry.ExpireAt(Start.AddSeconds(5));
        expiry.ExpireAt(null);
        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(0, expired);
        Assert.Null(expiry.ExpiresAt);
    }

    [Fact]
    public void A_token_already_past_its_grace_expires_the_connection_at_once()
    {
        var time = new FakeTimeProvider(Start);
        var expired = 0;
        using var expiry = new ConnectionExpiry(time, Grace, () => expired++);

        expiry.ExpireAt(Start.AddSeconds(-10));
        time.Advance(TimeSpan.Zero);

        Assert.Equal(1, expired);
    }

    [Fact]
    public void Disposing_cancels_a_pending_expiry()
    {
        var time = new FakeTimeProvider(Start);
        var expired = 0;
        var expiry = new ConnectionExpiry(time, Grace, () => expired++);

        expiry.ExpireAt(Start.AddSeconds(5));
        expiry.Dispose();
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, expired);
    }

    [Fact]
    public void A_refresh_that_arrives_after_the_connection_closed_arms_nothing()
    {
        var time = new FakeTimeProvider(Start);
        var expired = 0;
        var expiry = new ConnectionExpiry(time, Grace, () => expired++);

        expiry.Dispose();
        expiry.ExpireAt(Start.AddSeconds(5));
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, expired);
        Assert.Null(expiry.ExpiresAt);
    }

    [Fact]
    public void An_expiry_further_ahead_than_one_timer_can_wait_still_closes_the_connection_on_time()
    {
        // A year-long token, or the server API's refresh to a year ahead: the system's timers refuse a due time
        // beyond about 49 days.
        var time = new FakeTimeProvider(Start);
        var expired = 0;
        using var expiry = new ConnectionExpiry(new SystemTimerLimits(time), Grace, () => expired++);

        expiry.ExpireAt(Start.AddDays(365));
        time.Advance(TimeSpan.FromDays(365) + Grace - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, expired);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, expired);
    }

    /// <summary>The clock of <paramref name="time"/>, with timers whose due time is cut to whole milliseconds.</summary>
    private sealed class WholeMillisecondTimers(FakeTimeProvider time) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => time.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            time.CreateTimer(callback, state, TimeSpan.FromMilliseconds(Math.Floor(dueTime.TotalMilliseconds)), period);
    }

    /// <summary>The clock of <paramref name="time"/>, with timers that refuse a due time the system's timers refuse.</summary>
    private sealed class SystemTimerLimits(FakeTimeProvider time) : TimeProvider
    {
        private static readonly TimeSpan MaxDueTime = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

        public override DateTimeOffset GetUtcNow() => time.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(dueTime, MaxDueTime);
            return time.CreateTimer(callback, state, dueTime, period);
        }
    }
}
