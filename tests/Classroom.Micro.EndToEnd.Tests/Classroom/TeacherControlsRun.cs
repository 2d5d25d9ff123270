using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Classroom.Micro.Registry.V1;
using Classroom.Micro.Testing.Cluster;
using Classroom.Micro.Testing;

namespace Classroom.Micro.EndToEnd.Tests.Classroom;

/// <summary>Everything one run of <c>teacher-controls.mjs</c> showed, and the registry on the ended classroom after it.</summary>
internal sealed record TeacherControlsOutcome(TeacherControlsResult Result, IReadOnlyList<Subscription> EndedClassroomAfter, string Output);

/// <summary>Runs <c>teacher-controls.mjs</c> once for <see cref="TeacherControlsTests"/>.</summary>
public sealed class TeacherControlsRun
{
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(10);

    private readonly ScenarioRun<TeacherControlsOutcome> _run = new();

    internal Task<TeacherControlsOutcome> GetAsync(Cluster cluster) => _run.GetAsync(() => RunAsync(cluster));

    private static async Task<TeacherControlsOutcome> RunAsync(Cluster cluster)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var ended = "ended-" + suffix;
        var environment = cluster.ScenarioEnvironment();
        environment["CLASSROOM_CONTROL"] = "control-" + suffix;
        environment["CLASSROOM_END"] = ended;
        await using var scenario = NodeScenario.Start("teacher-controls.mjs", environment);
        await scenario.CheckpointAsync("ended", NodeScenario.DefaultTimeout);

        // The ended class's connections were closed by their edges (the clients stay, disconnected); the
        // registry entries must follow.
        IReadOnlyList<Subscription> left = [];
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                left = await cluster.ChannelSubscriptionsAsync("classroom:" + ended, CancellationToken.None);
                return left.Count == 0;
            }, CleanupTimeout, "the registry forgets the ended class");
        }
        catch (TimeoutException)
        {
            // Asserted by its own test; the other behaviours of the run still get asserted.
        }

        await scenario.ContinueAsync().WaitAsync(TimeSpan.FromSeconds(5));
        var result = await scenario.ResultAsync<TeacherControlsResult>(NodeScenario.DefaultTimeout);
        return new TeacherControlsOutcome(result, left, scenario.Output);
    }
}
