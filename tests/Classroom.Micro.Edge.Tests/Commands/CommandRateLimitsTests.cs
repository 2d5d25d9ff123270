using Classroom.Micro.Edge.Commands;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Tests.Control;
using Microsoft.Extensions.Options;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Commands;

public sealed class CommandRateLimitsTests
{
    private static readonly EdgeOptions Edge = new() { NodeId = "edge-1", PingInterval = TimeSpan.FromDays(1) };

    [Fact]
    public async Task A_burst_past_the_bucket_is_refused_and_persistent_abuse_is_told_to_disconnect()
    {
        await using var session = await LoopbackSession.ConnectAsync("s1", null, new SessionDirectory(), Edge, TimeProvider.System);
        var limits = new CommandRateLimits(Options.Create(new CommandOptions { RatePerSecond = 1, RateBurst = 5, RateLimitedBeforeDisconnect = 3 }));

        var verdicts = Enumerable.Range(0, 8).Select(_ => limits.Admit(session.Session)).ToList();

        Assert.Equal(
            [RateVerdict.Admitted, RateVerdict.Admitted, RateVerdict.Admitted, RateVerdict.Admitted, RateVerdict.Admitted,
             RateVerdict.Refused, RateVerdict.Refused, RateVerdict.Disconnect],
            verdicts);
    }

    [Fact]
    public async Task Each_connection_has_a_bucket_of_its_own()
    {
        var sessions = new SessionDirectory();
        await using var greedy = await LoopbackSession.ConnectAsync("s1", null, sessions, Edge, TimeProvider.System);
        await using var quiet = await LoopbackSession.ConnectAsync("s2", null, sessions, Edge, TimeProvider.System);
        var limits = new CommandRateLimits(Options.Create(new CommandOptions { RatePerSecond = 1, RateBurst = 2 }));

        for (var i = 0; i < 5; i++)
        {
            limits.Admit(greedy.Session);
        }

        Assert.Equal(RateVerdict.Admitted, limits.Admit(quiet.Session));
        Assert.Equal(RateVerdict.Refused, limits.Admit(greedy.Session));
    }
}
