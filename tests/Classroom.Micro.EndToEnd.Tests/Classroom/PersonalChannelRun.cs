using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Classroom.Micro.Testing.Cluster;

namespace Classroom.Micro.EndToEnd.Tests.Classroom;

/// <summary>Runs <c>personal-channels.mjs</c> once for <see cref="PersonalChannelTests"/>.</summary>
public sealed class PersonalChannelRun
{
    private readonly ScenarioRun<ScenarioOutcome<PersonalChannelResult>> _run = new();

    internal Task<ScenarioOutcome<PersonalChannelResult>> GetAsync(Cluster cluster) => _run.GetAsync(() => RunAsync(cluster));

    private static async Task<ScenarioOutcome<PersonalChannelResult>> RunAsync(Cluster cluster)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var environment = cluster.ScenarioEnvironment();
        environment["CLASSROOM"] = "personal-" + suffix;
        environment["OTHER_CLASSROOM"] = "personal-other-" + suffix;
        await using var scenario = NodeScenario.Start("personal-channels.mjs", environment);
        var result = await scenario.ResultAsync<PersonalChannelResult>(NodeScenario.DefaultTimeout);
        return new ScenarioOutcome<PersonalChannelResult>(result, scenario.Output);
    }
}
