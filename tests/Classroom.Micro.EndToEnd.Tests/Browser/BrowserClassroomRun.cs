using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Classroom.Micro.Testing.Cluster;
using Classroom.Micro.Testing;

namespace Classroom.Micro.EndToEnd.Tests.Browser;

/// <summary>
/// Runs <c>browser-classroom.mjs</c> once for all tests of <see cref="BrowserClassroomTests"/>: each test asserts one
/// behaviour of the same run (browsers and a live class take the bulk of the time). A missing Chromium or
/// playwright-core fails the run with how to install it: the browser tests never skip.
/// </summary>
public sealed class BrowserClassroomRun
{
    /// <summary>How long the whole scenario may take on a loaded two-core machine.</summary>
    public static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(4);

    private readonly Lock _gate = new();
    private Task<BrowserClassroomOutcome>? _outcome;

    /// <summary>Where the screenshots go: <c>test-output/screenshots</c> at the repository root (git-ignored).</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryPaths.Root, "test-output", "screenshots");

    internal Task<BrowserClassroomOutcome> GetAsync(Cluster cluster)
    {
        lock (_gate)
        {
            return _outcome ??= RunAsync(cluster);
        }
    }

    private static async Task<BrowserClassroomOutcome> RunAsync(Cluster cluster)
    {
        CheckBrowserInstalled();
        var environment = cluster.ScenarioEnvironment();
        environment["CLASSROOM"] = "browser-" + Guid.NewGuid().ToString("N")[..8];
        environment["SCREENSHOT_DIR"] = ScreenshotFolder;

        await using var scenario = NodeScenario.Start("browser-classroom.mjs", environment);
        var result = await scenario.ResultAsync<BrowserClassroomResult>(ScenarioTimeout);
        return new BrowserClassroomOutcome(result, scenario.Output);
    }

    private static void CheckBrowserInstalled()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium is not installed at {chromium}. Install Debian's package (apt-get install chromium; scripts/test does) or set CHROMIUM_PATH.");
        }

        if (!Directory.Exists(Path.Combine(NodeRuntime.ScenariosFolder, "node_modules", "playwright-core")))
        {
            throw new InvalidOperationException($"playwright-core is not installed in {NodeRuntime.ScenariosFolder}. Run `npm ci` there (scripts/test does).");
        }
    }
}
