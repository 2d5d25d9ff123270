using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Classroom.Micro.Testing.Cluster;

namespace Classroom.Micro.EndToEnd.Tests.Connections;

/// <summary>Runs <c>bad-tokens.mjs</c> once for all tests of <see cref="BadTokenTests"/>.</summary>
public sealed class BadTokenRun
{
    private readonly Lock _gate = new();
    private Task<(BadTokenResult Result, string Output)>? _outcome;

    internal Task<(BadTokenResult Result, string Output)> GetAsync(Cluster cluster)
    {
        lock (_gate)
        {
            return _outcome ??= RunAsync(cluster);
        }
    }

    private static async Task<(BadTokenResult Result, string Output)> RunAsync(Cluster cluster)
    {
        var environment = cluster.ScenarioEnvironment();
        environment["HS256_SECRET"] = cluster.Hs256Secret;
        environment["CLASSROOM"] = "tokens-" + Guid.NewGuid().ToString("N")[..8];

        await using var scenario = NodeScenario.Start("bad-tokens.mjs", environment);
        var result = await scenario.ResultAsync<BadTokenResult>(NodeScenario.DefaultTimeout);
        return (result, scenario.Output);
    }
}
