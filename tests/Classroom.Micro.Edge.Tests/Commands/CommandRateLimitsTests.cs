using Classroom.Micro.Edge.Commands;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Tests.Control;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Commands;

public sealed class CommandRateLimitsTests
{
    private static readonly EdgeOptions Edge = new() { NodeId = "edge-1", PingInterval = TimeSpan.FromDays(1) };

    private readonly FakeTimeProvider _time = new();

    private CommandRateLimits Limits(CommandOptions options) =>
        new(Options.Create(options), _time, new LimitMetrics(new ServiceTelemetry("Classroom.Micro.Edge.Tests")));

    [Fact]
    public async Task A_burst_past_the_bucket_is_refused_and_persistent_abuse_is_told_to_disconnect()
    {
        await using var session = await LoopbackSession.ConnectAsync("s1", null, new SessionDirectory(), Edge, TimeProvider.System);
        using var limits = Limits(new CommandOptions { RatePerSecond = 1, RateBurst = 5, RateLimitedBeforeDisconnect = 3 });

        var verdicts = Enumerable.Range(0, 9).Select(_ => limits.Admit(session.Session)).ToList();

        Assert.Equal(
            [RateVerdict.Admitted, RateVerdict.Admitted, RateVerdict.Admitted, RateVerdict.Admitted, RateVerdict.Admitted,
             RateVerdict.Refused, RateVerdict.Refused, RateVerdict.Refused, RateVerdict.Disconnect],
            verdicts);
    }

    [Fact]
    public async Task Refusals_spread_over_windows_never_close_but_more_than_the_limit_within_one_window_do()
    {
        await using var session = await LoopbackSession.ConnectAsync("s1", null, new SessionDirectory(), Edge, TimeProvider.System);
        using var limits = Limits(new CommandOptions { RatePerSecond = 1, RateBurst = 1, RateLimitedBeforeDisconnect = 3, RateLimitWindow = TimeSpan.FromSeconds(10) });
        Assert.Equal(RateVerdict.Admitted, limits.Admit(session.Session));

        // A burst of three refusals, then quiet: the next window starts from nothing.
        Assert.Equal([RateVerdict.Refused, RateVerdict.Refused, RateVerdict.Refused], Enumerable.Range(0, 3).Select(_ => limits.Admit(session.Session)));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal([RateVerdict.Refused, RateVerdict.Refused, RateVerdict.Refused], Enumerable.Range(0, 3).Select(_ => limits.Admit(session.Session)));

        // One more within that window is more than the limit.
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(RateVerdict.Disconnect, limits.Admit(session.Session));
    }

    [Fact]
    public async Task Each_connection_has_a_bucket_of_its_own()
    {
        var sessions = new SessionDirectory();
        await using var greedy = await LoopbackSession.ConnectAsync("s1", null, sessions, Edge, TimeProvider.System);
        await using var quiet = await LoopbackSession.ConnectAsync("s2", null, sessions, Edge, TimeProvider.System);
        using var limits = Limits(new CommandOptions { RatePerSecond = 1, RateBurst = 2 });

        for (var i = 0; i < 5; i++)
        {
            limits.Admit(greedy.Session);
        }

        Assert.Equal(RateVerdict.Admitted, limits.Admit(quiet.Session));
        Assert.Equal(RateVerdict.Refused, limits.Admit(greedy.Session));
    }

    [Fact]
    public async Task A_users_connections_share_the_users_bucket_and_other_users_keep_theirs()
    {
        var sessions = new SessionDirectory();
        await using var firstTab = await LoopbackSession.ConnectAsync("s1", null, sessions, Edge, TimeProvider.System);
        await using var secondTab = await LoopbackSession.ConnectAsync("s1", null, sessions, Edge, TimeProvider.System);
        await using var classmate = await LoopbackSession.ConnectAsync("s2", null, sessions, Edge, TimeProvider.System);
        using var limits = Limits(new CommandOptions { RatePerSecond = 1000, RateBurst = 1000, UserRatePerSecond = 1, UserRateBurst = 3 });

        Assert.Equal(RateVerdict.Admitted, limits.Admit(firstTab.Session));
        Assert.Equal(RateVerdict.Admitted, limits.Admit(firstTab.Session));
        Assert.Equal(RateVerdict.Admitted, limits.Admit(secondTab.Session));
        Assert.Equal(RateVerdict.Refused, limits.Admit(secondTab.Session));
        Assert.Equal(RateVerdict.Refused, limits.Admit(firstTab.Session));
        Assert.Equal(RateVerdict.Admitted, limits.Admit(classmate.Session));
    }

    [Fact]
    public async Task More_errors_than_the_limit_within_the_window_close_but_the_same_errors_spread_out_do_not()
    {
        await using var session = await LoopbackSession.ConnectAsync("s1", null, new SessionDirectory(), Edge, TimeProvider.System);
        using var limits = Limits(new CommandOptions { MaxErrors = 3, ErrorWindow = TimeSpan.FromMinutes(1) });

        Assert.False(limits.TooManyErrors(session.Session, 3));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(limits.TooManyErrors(session.Session, 2));
        Assert.False(limits.TooManyErrors(session.Session, 1));
        Assert.True(limits.TooManyErrors(session.Session, 1));
    }
}
