using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Classroom.Micro.Testing.Cluster;

namespace Classroom.Micro.EndToEnd.Tests.ServerApi;

/// <summary>
/// Runs <c>server-api.mjs</c> once for all tests of <see cref="ServerApiTests"/>: each test asserts one behaviour
/// of the same run.
/// </summary>
public sealed class ServerApiRun
{
    private readonly Lock _gate = new();
    private Task<(ServerApiResult Result, string Output)>? _run;

    internal Task<(ServerApiResult Result, string Output)> GetAsync(Cluster cluster)
    {
        lock (_gate)
        {
            return _run ??= RunAsync(cluster);
        }
    }

    private static async Task<(ServerApiResult, string)> RunAsync(Cluster cluster)
    {
        var environment = cluster.ScenarioEnvironment();
        environment["API_KEY"] = cluster.ApiKey;
        environment["CLASSROOM"] = "api-" + Guid.NewGuid().ToString("N")[..8];

        await using var scenario = NodeScenario.Start("server-api.mjs", environment);
        var result = await scenario.ResultAsync<ServerApiResult>(NodeScenario.DefaultTimeout);
        return (result, scenario.Output);
    }
}
