using Classroom.Micro.Edge.Commands;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Tests.Control;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Commands;

/// <summary>
/// What a token's <c>channels</c> may not do, decided before anyone upstream is asked: name more channels than a
/// connection may hold (3505), or a malformed channel (3500, the token is at fault).
/// </summary>
public sealed class ServerSubscriptionsTests
{
    private static readonly EdgeOptions Edge = new() { NodeId = "edge-1", PingInterval = TimeSpan.FromDays(1) };

    [Fact]
    public async Task A_token_naming_more_channels_than_the_subscription_limit_closes_the_connect_with_3505()
    {
        await using var loopback = await LoopbackSession.ConnectAsync("s1", null, new SessionDirectory(), Edge, new FakeTimeProvider());
        loopback.Session.Identity = loopback.Session.Identity! with { Channels = ["classroom:1", "classroom:2", "classroom:3"] };

        var subs = await ServerSubscriptions(new CommandOptions { MaxSubscriptions = 2 }).SubscribeOnConnectAsync(loopback.Session, ConnectCommand.NoSubs, CancellationToken.None);

        Assert.Null(subs);
        Assert.Equal(3505, (await loopback.ClosedAsync()).Code);
        Assert.Empty(loopback.Session.Subscriptions);
    }

    [Fact]
    public async Task A_token_naming_a_malformed_channel_closes_the_connect_with_3500()
    {
        await using var loopback = await LoopbackSession.ConnectAsync("s1", null, new SessionDirectory(), Edge, new FakeTimeProvider());
        loopback.Session.Identity = loopback.Session.Identity! with { Channels = ["classroom: with spaces"] };

        var subs = await ServerSubscriptions(new CommandOptions()).SubscribeOnConnectAsync(loopback.Session, ConnectCommand.NoSubs, CancellationToken.None);

        Assert.Null(subs);
        Assert.Equal(3500, (await loopback.ClosedAsync()).Code);
    }

    [Fact]
    public async Task Without_token_channels_or_the_personal_setting_a_connect_subscribes_nothing()
    {
        await using var loopback = await LoopbackSession.ConnectAsync("s1", null, new SessionDirectory(), Edge, new FakeTimeProvider());

        var subs = await ServerSubscriptions(new CommandOptions()).SubscribeOnConnectAsync(loopback.Session, ConnectCommand.NoSubs, CancellationToken.None);

        Assert.NotNull(subs);
        Assert.Empty(subs);
        Assert.False(loopback.Session.IsClosed);
    }

    private static ServerSubscriptions ServerSubscriptions(CommandOptions options)
    {
        var telemetry = new ServiceTelemetry("Classroom.Micro.Edge.Tests");
        // Nothing upstream is reached on these paths: the upstream clients are absent on purpose.
        var handler = new SubscriptionHandler(null!, null!, null!, null!, null!, new LimitMetrics(telemetry), Options.Create(options), Options.Create(new EdgeOptions()), telemetry, null!);
        return new ServerSubscriptions(handler, Options.Create(options), NullLogger<ServerSubscriptions>.Instance);
    }
}
