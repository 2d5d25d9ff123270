using Classroom.Micro.Benchmarks.Configuration;
using Classroom.Micro.Benchmarks.Reporting;

namespace Classroom.Micro.Benchmarks;

/// <summary>
/// The command line: parse, run, write <c>NAME.md</c> and <c>NAME.json</c>. Exit code 0 when every message arrived
/// once and in order, 1 when anything was lost, duplicated, reordered or failed (said loudly), 2 for bad arguments.
/// </summary>
internal static class BenchmarkCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        if (arguments.Count > 0 && arguments[0] == "--compare")
        {
            return await Compare.CompareCommand.RunAsync(arguments.Skip(1).ToList(), output, errors, cancellationToken);
        }

        BenchmarkSettings? settings;
        try
        {
            settings = CommandLine.Parse(arguments);
        }
        catch (ArgumentException bad)
        {
            await errors.WriteLineAsync(bad.Message + "\n\n" + CommandLine.Usage);
            return 2;
        }

        if (settings is null)
        {
            await output.WriteLineAsync(CommandLine.Usage);
            return 0;
        }

        var report = await BenchmarkRun.RunAsync(settings, TimeProvider.System, output, cancellationToken);
        var markdown = MarkdownReport.Write(report);
        Directory.CreateDirectory(settings.OutputDirectory);
        var path = Path.Combine(settings.OutputDirectory, settings.ReportName);
        await File.WriteAllTextAsync(path + ".md", markdown, cancellationToken);
        await File.WriteAllTextAsync(path + ".json", ReportJson.Write(report), cancellationToken);
        await output.WriteLineAsync(markdown);
        await output.WriteLineAsync($"Reports: {Path.GetFullPath(path)}.md and .json");
        if (report.Passed)
        {
            return 0;
        }

        await errors.WriteLineAsync("BENCHMARK FAILED: messages were lost, duplicated or reordered, or clients failed:");
        foreach (var failure in report.Failures)
        {
            await errors.WriteLineAsync("  " + failure);
        }

        return 1;
    }
}
