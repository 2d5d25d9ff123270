using System.Collections.Concurrent;

namespace Classroom.Micro.Deploy.Tests.Helm;

/// <summary>
/// helm lint and helm template of deploy/helm/classroom, as release <c>classroom</c> in namespace <c>classroom</c>.
/// Renders of a values file without overrides are cached: many tests read the same one.
/// </summary>
internal static class HelmChart
{
    public const string Release = "classroom";
    public const string Namespace = "classroom";

    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);
    private static readonly ConcurrentDictionary<string, Lazy<Task<RenderedChart>>> s_renders = new();

    /// <summary><c>helm lint --strict</c> with a values file of the chart (or the defaults for <c>values.yaml</c>).</summary>
    public static async Task<CommandResult> LintAsync(string valuesFile) =>
        await RunAsync(["lint", "--strict", HelmTool.ChartDirectory, .. ValuesArguments(valuesFile)]);

    /// <summary><c>helm template</c>, whatever its outcome.</summary>
    public static async Task<CommandResult> TemplateAsync(string valuesFile, params string[] setArguments) =>
        await RunAsync([
            "template", Release, HelmTool.ChartDirectory, "--namespace", Namespace,
            .. ValuesArguments(valuesFile), .. setArguments.SelectMany(set => new[] { "--set", set }),
        ]);

    /// <summary>The manifests of a successful render; a failed render fails the test with helm's output.</summary>
    public static Task<RenderedChart> RenderAsync(string valuesFile, params string[] setArguments)
    {
        if (setArguments.Length > 0)
        {
            return RenderUncachedAsync(valuesFile, setArguments);
        }

        return s_renders.GetOrAdd(valuesFile, file => new Lazy<Task<RenderedChart>>(() => RenderUncachedAsync(file, []))).Value;
    }

    private static async Task<RenderedChart> RenderUncachedAsync(string valuesFile, string[] setArguments)
    {
        var result = await TemplateAsync(valuesFile, setArguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"helm template with {valuesFile} {string.Join(' ', setArguments)} failed:\n{result.Output}");
        }

        return new RenderedChart(result.StandardOutput, YamlDocuments.Parse(result.StandardOutput));
    }

    private static IEnumerable<string> ValuesArguments(string valuesFile) =>
        valuesFile == ValuesFiles.Default ? [] : ["--values", Path.Combine(HelmTool.ChartDirectory, valuesFile)];

    private static async Task<CommandResult> RunAsync(string[] arguments)
    {
        var helm = await HelmTool.BinaryAsync().WaitAsync(TimeSpan.FromMinutes(10));
        return await CommandLine.RunAsync(helm, arguments, s_timeout);
    }
}
