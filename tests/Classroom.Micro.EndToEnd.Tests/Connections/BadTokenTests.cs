using Classroom.Micro.EndToEnd.Tests.Hosting;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Connections;

/// <summary>
/// Tokens the cluster must refuse, presented by the real SDK through the gateway (see <c>tests/e2e/bad-tokens.mjs</c>).
/// Refused as invalid means the socket closed with 3500 or the connect reply was error 101.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class BadTokenTests(ClusterFixture fixture, BadTokenRun run) : IClassFixture<BadTokenRun>
{
    private const int Timeout = 150_000;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    private static readonly int[] InvalidTokenCodes = [3500, 101];

    [Fact(Timeout = Timeout)]
    public async Task Correctly_signed_token_connects()
    {
        var (result, output) = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        Assert.True(result.Valid.Outcome == "connected" && !string.IsNullOrEmpty(result.Valid.Client), $"valid token: {result.Valid}\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Token_with_a_forged_signature_is_refused_as_invalid()
    {
        var (result, output) = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        AssertRefusedAsInvalid(result.BadSignature, output);
    }

    [Fact(Timeout = Timeout)]
    public async Task Unsigned_alg_none_token_is_refused_as_invalid()
    {
        var (result, output) = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        AssertRefusedAsInvalid(result.AlgNone, output);
    }

    [Fact(Timeout = Timeout)]
    public async Task Expired_token_is_refused_as_expired_so_the_sdk_asks_for_a_new_one()
    {
        var (result, output) = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);
        var expired = result.Expired;

        Assert.True(expired.Outcome == "disconnected", $"expired token: {expired}\n{output}");
        Assert.True(expired.Errors.Any(error => error.Code == 109), $"expired token was not answered with 109 token expired: {expired}\n{output}");
        Assert.True(expired.GetTokenCalls >= 1, $"the SDK never asked for a fresh token: {expired}\n{output}");
    }

    private static void AssertRefusedAsInvalid(ConnectAttempt attempt, string output)
    {
        Assert.True(
            attempt.Outcome == "disconnected" && attempt.Code is { } code && InvalidTokenCodes.Contains(code),
            $"expected a disconnect with 3500 invalid token or error 101 unauthorized: {attempt}\n{output}");
        Assert.True(attempt.GetTokenCalls is null or 0, $"the token was treated as expired, not invalid: {attempt}\n{output}");
    }
}
