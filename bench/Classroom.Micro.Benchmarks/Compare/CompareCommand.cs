using Classroom.Micro.Benchmarks.Compare.Reporting;
using Classroom.Micro.Benchmarks.Reporting;

namespace Classroom.Micro.Benchmarks.Compare;

/// <summary>
/// <c>--compare</c>: runs the side-by-side suite and writes <c>NAME.md</c>, <c>NAME.json</c> and <c>NAME.svg</c>. Exit code
/// 0 when every system delivered every stroke once and in order, 1 when not (or a system could not run), 2 for bad arguments.
/// </summary>
internal static class CompareCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        CompareSettings? settings;
        try
        {
            settings = CompareCommandLine.Parse(arguments);
        }
        catch (ArgumentException bad)
        {
            await errors.WriteLineAsync(bad.Message + "\n\n" + CompareCommandLine.Usage);
            return 2;
        }

        if (settings is null)
        {
            await output.WriteLineAsync(CompareCommandLine.Usage);
            return 0;
        }

        var report = await CompareRun.RunAsync(settings, TimeProvider.System, output, cancellationToken);
        Directory.CreateDirectory(settings.OutputDirectory);
        var path = Path.Combine(settings.OutputDirectory, settings.ReportName);
        var markdown = CompareMarkdown.Write(report, settings.ReportName + ".svg");
        await File.WriteAllTextAsync(path + ".md", markdown, cancellationToken);
        await File.WriteAllTextAsync(path + ".json", System.Text.Json.JsonSerializer.Serialize(report, ReportJson.Options), cancellationToken);
        await File.WriteAllTextAsync(path + ".svg", CompareChart.Write(report), cancellationToken);
        await output.WriteLineAsync(markdown);
        await output.WriteLineAsync($"Reports: {Path.GetFullPath(path)}.md, .json and .svg");
        if (report.Passed)
        {
            return 0;
        }

        await errors.WriteLineAsync("SIDE-BY-SIDE FAILED: messages were lost, duplicated or reordered, or a system could not run:");
        foreach (var failure in report.Failures)
        {
            await errors.WriteLineAsync("  " + failure);
        }

        return 1;
    }
}
