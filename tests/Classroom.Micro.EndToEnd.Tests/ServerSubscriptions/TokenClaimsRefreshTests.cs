using Classroom.Micro.EndToEnd.Tests.Hosting;
using Classroom.Micro.EndToEnd.Tests.Security;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.ServerSubscriptions;

/// <summary>
/// A client's <c>refresh</c> takes the new token's claims (issue #10): its classrooms decide later permissions, its
/// <c>channels</c> the server-side subscriptions; a token of another user closes the connection.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class TokenClaimsRefreshTests(ClusterFixture fixture)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task A_refreshed_token_brings_its_classrooms_and_channels_to_the_connection()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (home, added) = ("home-" + suffix, "added-" + suffix);
        await using var client = await RawClient.ConnectAsync(fixture.Cluster.GatewayUrl, home, Cancellation);
        await client.SendAsync([Command(1, "connect", Token("s-" + suffix, [home], []))], Cancellation);
        await client.ReplyAsync(1, Cancellation);

        await client.SendAsync([Subscribe(2, $"classroom:{added}")], Cancellation);
        var before = await client.ReplyAsync(2, Cancellation);
        await client.SendAsync([Command(3, "refresh", Token("s-" + suffix, [home, added], [$"classroom:{home}"]))], Cancellation);
        var pushed = await NextPushAsync(client, "subscribe");
        var refreshed = await client.ReplyAsync(3, Cancellation);
        await client.SendAsync([Subscribe(4, $"classroom:{added}")], Cancellation);
        var after = await client.ReplyAsync(4, Cancellation);

        Assert.Equal(103, before.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal($"classroom:{home}", pushed.GetProperty("channel").GetString());
        Assert.True(refreshed.TryGetProperty("refresh", out _), refreshed.ToString());
        Assert.True(after.TryGetProperty("subscribe", out _), after.ToString());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_refresh_with_another_users_token_closes_the_connection_with_3500()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await using var client = await RawClient.ConnectAsync(fixture.Cluster.GatewayUrl, suffix, Cancellation);
        await client.SendAsync([Command(1, "connect", Token("a-" + suffix, [suffix], []))], Cancellation);
        await client.ReplyAsync(1, Cancellation);

        await client.SendAsync([Command(2, "refresh", Token("b-" + suffix, [suffix], []))], Cancellation);
        while (await client.NextAsync(Cancellation) is not null)
        {
        }

        Assert.Equal(3500, (int?)client.CloseStatus);
    }

    private static async Task<System.Text.Json.JsonElement> NextPushAsync(RawClient client, string kind)
    {
        while (await client.NextAsync(Cancellation) is { } message)
        {
            if (message.TryGetProperty("push", out var push) && push.TryGetProperty(kind, out _))
            {
                return push;
            }
        }

        throw new InvalidOperationException($"the socket closed before a {kind} push");
    }

    private string Token(string user, string[] classrooms, string[] channels)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return RawClient.Token(fixture.Cluster.Hs256Secret, new { sub = user, role = "student", classrooms, channels, iat = now - 10, exp = now + 600 });
    }

    private static string Command(int id, string kind, string token) => $$$"""{"id":{{{id}}},"{{{kind}}}":{"token":"{{{token}}}"}}""";

    private static string Subscribe(int id, string channel) => $$$"""{"id":{{{id}}},"subscribe":{"channel":"{{{channel}}}"}}""";
}
