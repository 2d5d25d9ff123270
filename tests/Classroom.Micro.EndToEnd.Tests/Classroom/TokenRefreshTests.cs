using Classroom.Micro.EndToEnd.Tests.Hosting;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Classroom;

/// <summary>
/// Connections whose tokens live a few seconds (see <c>tests/e2e/token-refresh.mjs</c>): with a <c>getToken</c> that
/// mints fresh tokens the SDK refreshes in place; without one that works, the server closes the connection with
/// 3005 once the token lapses.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class TokenRefreshTests(ClusterFixture fixture, TokenRefreshRun run) : IClassFixture<TokenRefreshRun>
{
    private const int Timeout = 150_000;
    private const int Expired = 3005;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [Fact(Timeout = Timeout)]
    public async Task Connection_that_refreshes_its_token_outlives_the_first_token()
    {
        var (result, output) = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);
        var refreshing = result.Refreshing;

        Assert.True(result.FinishedAt >= refreshing.FirstExpiry + result.TtlSeconds, $"the run ended at {result.FinishedAt}, before the first token ({refreshing.FirstExpiry}) was long gone.\n{output}");
        Assert.True(refreshing.GetTokenCalls >= 2, $"the SDK asked for {refreshing.GetTokenCalls} tokens in two token lifetimes.\n{output}");
        Assert.True(
            refreshing.State == "connected" && refreshing.ClientIds.Count == 1 && !refreshing.CloseCodes.Contains(Expired),
            $"the refreshing connection did not stay as it was: state {refreshing.State}, connections [{string.Join(", ", refreshing.ClientIds)}], closes [{string.Join(", ", refreshing.CloseCodes)}].\n{output}");
        Assert.True(result.RoundTrip == "ok", $"after refreshes the connection could not publish and receive: {result.RoundTrip}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Connection_whose_token_is_not_renewed_is_closed_as_expired()
    {
        var (result, output) = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);
        var stale = result.Stale;

        Assert.True(stale.GetTokenCalls >= 1, $"the SDK never tried to refresh the stale token.\n{output}");
        Assert.True(stale.CloseCodes.Count > 0 && stale.CloseCodes[0] == Expired, $"the stale connection closed with [{string.Join(", ", stale.CloseCodes)}], not first {Expired}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Connection_whose_token_source_fails_is_closed_as_expired()
    {
        var (result, output) = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);
        var failing = result.Failing;

        Assert.True(failing.GetTokenCalls >= 1, $"the SDK never tried to refresh the token.\n{output}");
        Assert.True(failing.CloseCodes.Count > 0 && failing.CloseCodes[0] == Expired, $"the connection closed with [{string.Join(", ", failing.CloseCodes)}], not first {Expired}.\n{output}");
    }
}
