using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.ServerSubscriptions;

/// <summary>
/// Server-side subscriptions seen by the real SDK across two edges (see <c>tests/e2e/server-subs.mjs</c>): token
/// channels and the personal channel on connect, recovery through <c>connect.subs</c>, and the server API's subscribe.
/// </summary>
public sealed class ServerSubscriptionTests(ServerSubscriptionRun run) : IClassFixture<ServerSubscriptionRun>
{
    private const int Timeout = 240_000;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact(Timeout = Timeout)]
    public async Task Token_channels_and_the_personal_channel_are_subscribed_on_connect()
    {
        var (result, output) = await run.GetAsync().WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        Assert.True(result.OnConnect.Contains(result.Channel) && result.OnConnect.Contains(result.Personal), $"subscribed on connect: {string.Join(", ", result.OnConnect)}.\n{output}");
        Assert.True(result.Received.Personal == 1, $"personal messages received: {result.Received.Personal}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task A_server_side_subscription_recovers_after_a_reconnect_with_no_gap_and_no_duplicate()
    {
        var (result, output) = await run.GetAsync().WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        Assert.True(result.Resubscribed is { Recovered: true, WasRecovering: true }, $"the resubscription: {result.Resubscribed}.\n{output}");
        Assert.True(result.Received.Classroom.SequenceEqual(Enumerable.Range(1, 12)), $"received: {string.Join(",", result.Received.Classroom)}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task The_server_apis_subscribe_reaches_a_connected_sdk_then_its_publications()
    {
        var (result, output) = await run.GetAsync().WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        Assert.True(result.PushError is null, $"{result.PushError}.\n{output}");
        Assert.True(result.PushedSubscribed is { Recoverable: true }, $"the pushed subscription: {result.PushedSubscribed}.\n{output}");
        Assert.Equal("moved to group work", result.PushedSubscribed!.Data?.GetProperty("reason").GetString());
        Assert.Equal([1, 2, 3], result.Received.Pushed);
    }

    [Fact(Timeout = Timeout)]
    public async Task Server_side_subscribers_see_a_classmates_join_and_leave()
    {
        var (result, output) = await run.GetAsync().WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        Assert.True(result.PresenceError is null, $"{result.PresenceError}; seen: {string.Join(", ", result.Presence)}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Nothing_is_refused_or_dropped_along_the_way()
    {
        var (result, output) = await run.GetAsync().WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        Assert.True(result.Errors.Count == 0 && result.Unsubscribed.Count == 0, $"errors: {string.Join(", ", result.Errors)}; unsubscribed: {string.Join(", ", result.Unsubscribed)}.\n{output}");
    }
}
