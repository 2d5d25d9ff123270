using Classroom.Micro.Testing.Cluster;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Security;

/// <summary>The per-connection command rate limit with its default settings, on a cluster of its own.</summary>
public sealed class CommandRateLimitTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    // The shared cluster lifts the limit for scenarios that publish as fast as acks come back; these are the defaults.
    private static readonly Dictionary<string, string?> DefaultLimits = new()
    {
        ["Edge__Commands__RatePerSecond"] = "100",
        ["Edge__Commands__RateBurst"] = "200",
    };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 180_000)]
    public async Task A_command_burst_past_the_rate_limit_gets_111_and_then_3013()
    {
        await using var cluster = await Cluster.StartAsync(new ClusterOptions { EdgeSettings = DefaultLimits }, Cancellation).WaitAsync(TimeSpan.FromMinutes(2), Cancellation);
        var classroom = "burst-" + Guid.NewGuid().ToString("N")[..8];
        var token = await cluster.MintTokenAsync("burster", "Bo", "student", [classroom], Cancellation).WaitAsync(Timeout, Cancellation);
        await using var client = await RawClient.ConnectAsync(cluster.GatewayUrl, classroom, Cancellation);
        await client.SendAsync([$$$"""{"id":1,"connect":{"token":"{{{token}}}"}}"""], Cancellation);
        await client.ReplyAsync(1, Cancellation);

        await client.SendAsync(Enumerable.Range(2, 400).Select(id => $$$"""{"id":{{{id}}},"sub_refresh":{"channel":"classroom:{{{classroom}}}","token":"t"}}"""), Cancellation);

        var tooMany = 0;
        while (await client.NextAsync(Cancellation) is { } message)
        {
            if (message.TryGetProperty("error", out var error) && error.GetProperty("code").GetInt32() == 111)
            {
                Assert.True(error.GetProperty("temporary").GetBoolean());
                tooMany++;
            }
        }

        Assert.InRange(tooMany, 1, 200);
        Assert.Equal(3013, (int?)client.CloseStatus);
    }
}
