using System.Text.Json;
using Classroom.Micro.EndToEnd.Tests.Browser;
using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Classroom.Micro.Testing.Cluster;

namespace Classroom.Micro.EndToEnd.Tests.Transports;

/// <summary>Runs <c>browser-fallback.mjs</c> once for all tests of <see cref="BrowserFallbackTests"/>.</summary>
public sealed class BrowserFallbackRun
{
    private readonly Lock _gate = new();
    private Task<(JsonElement Steps, string Output)>? _outcome;

    internal Task<(JsonElement Steps, string Output)> GetAsync(Cluster cluster)
    {
        lock (_gate)
        {
            return _outcome ??= RunAsync(cluster);
        }
    }

    private static async Task<(JsonElement Steps, string Output)> RunAsync(Cluster cluster)
    {
        var environment = cluster.ScenarioEnvironment();
        environment["CLASSROOM"] = "fallback-" + Guid.NewGuid().ToString("N")[..8];
        environment["SCREENSHOT_DIR"] = BrowserClassroomRun.ScreenshotFolder;
        await using var scenario = NodeScenario.Start("browser-fallback.mjs", environment);
        var result = await scenario.ResultAsync(BrowserClassroomRun.ScenarioTimeout);
        return (result.GetProperty("steps").Clone(), scenario.Output);
    }
}
