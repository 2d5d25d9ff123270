using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Classroom.Micro.Testing.Cluster;

namespace Classroom.Micro.EndToEnd.Tests.Classroom;

/// <summary>Runs <c>classroom-presence.mjs</c> once for <see cref="ClassroomPresenceTests"/>.</summary>
public sealed class PresenceRun
{
    private readonly ScenarioRun<ScenarioOutcome<PresenceResult>> _run = new();

    internal Task<ScenarioOutcome<PresenceResult>> GetAsync(Cluster cluster) => _run.GetAsync(() => RunAsync(cluster));

    private static async Task<ScenarioOutcome<PresenceResult>> RunAsync(Cluster cluster)
    {
        var environment = cluster.ScenarioEnvironment();
        environment["CLASSROOM"] = "presence-" + Guid.NewGuid().ToString("N")[..8];
        await using var scenario = NodeScenario.Start("classroom-presence.mjs", environment);
        var result = await scenario.ResultAsync<PresenceResult>(NodeScenario.DefaultTimeout);
        return new ScenarioOutcome<PresenceResult>(result, scenario.Output);
    }
}
