using System.Globalization;
using System.Runtime.InteropServices;

namespace Classroom.Micro.Benchmarks.Measurement;

/// <summary>What the benchmark ran on, read from <c>/proc</c>: results mean little without it.</summary>
internal sealed record MachineInfo(
    int Cores,
    string CpuModel,
    double MemoryGiB,
    string OperatingSystem,
    string Runtime,
    IReadOnlyList<double> LoadAverage)
{
    public static MachineInfo Read() => new(
        Environment.ProcessorCount,
        ReadCpuModel(),
        Math.Round(MemInfoKiB("MemTotal") / 1024.0 / 1024.0, 1),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        ReadLoadAverage());

    /// <summary>The 1, 5 and 15 minute load averages: how busy the machine was, benchmark aside.</summary>
    public static IReadOnlyList<double> ReadLoadAverage()
    {
        var fields = ReadOrEmpty("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length < 3 ? [] : fields[..3].Select(field => double.Parse(field, CultureInfo.InvariantCulture)).ToList();
    }

    private static string ReadCpuModel() =>
        ReadOrEmpty("/proc/cpuinfo").Split('\n')
            .FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?
            .Split(':', 2)[1].Trim() ?? "unknown";

    private static long MemInfoKiB(string field)
    {
        var line = ReadOrEmpty("/proc/meminfo").Split('\n').FirstOrDefault(line => line.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path) : string.Empty;
}
