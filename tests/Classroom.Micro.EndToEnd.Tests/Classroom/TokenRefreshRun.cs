using System.Globalization;
using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Classroom.Micro.Testing.Cluster;

namespace Classroom.Micro.EndToEnd.Tests.Classroom;

/// <summary>Runs <c>token-refresh.mjs</c> once for <see cref="TokenRefreshTests"/>.</summary>
public sealed class TokenRefreshRun
{
    /// <summary>Short, to keep the run short, yet long enough for a connect on a loaded machine; whole seconds, as tokens carry them.</summary>
    public const int TokenTtlSeconds = 5;

    private readonly ScenarioRun<ScenarioOutcome<TokenRefreshResult>> _run = new();

    internal Task<ScenarioOutcome<TokenRefreshResult>> GetAsync(Cluster cluster) => _run.GetAsync(() => RunAsync(cluster));

    private static async Task<ScenarioOutcome<TokenRefreshResult>> RunAsync(Cluster cluster)
    {
        var environment = cluster.ScenarioEnvironment();
        environment["CLASSROOM"] = "refresh-" + Guid.NewGuid().ToString("N")[..8];
        environment["TOKEN_TTL_SECONDS"] = TokenTtlSeconds.ToString(CultureInfo.InvariantCulture);
        await using var scenario = NodeScenario.Start("token-refresh.mjs", environment);
        var result = await scenario.ResultAsync<TokenRefreshResult>(NodeScenario.DefaultTimeout);
        return new ScenarioOutcome<TokenRefreshResult>(result, scenario.Output);
    }
}
