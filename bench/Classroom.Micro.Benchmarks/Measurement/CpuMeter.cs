using System.Diagnostics;
using Classroom.Micro.Benchmarks.Target;

namespace Classroom.Micro.Benchmarks.Measurement;

/// <summary>Measures the CPU every local service process and the benchmark itself use from its start to <see cref="Stop"/>.</summary>
internal sealed class CpuMeter
{
    /// <summary>The name the benchmark's own process is measured under.</summary>
    public const string LoadGenerator = "load generator";

    private readonly List<Tracked> _processes;
    private readonly long _startedAt = Stopwatch.GetTimestamp();

    private CpuMeter(List<Tracked> processes)
    {
        _processes = processes;
    }

    public static CpuMeter Start(IEnumerable<MonitoredService> services)
    {
        var processes = new List<Tracked>();
        var local = services.Where(service => service.Pid is not null).Select(service => (service.Name, Pid: service.Pid!.Value));
        foreach (var (name, pid) in local.Append((LoadGenerator, Environment.ProcessId)))
        {
            if (ProcessCpu.Used(pid) is { } start)
            {
                processes.Add(new Tracked(name, pid, start));
            }
        }

        return new CpuMeter(processes);
    }

    public IReadOnlyList<ServiceCpu> Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
        var used = new List<ServiceCpu>();
        foreach (var process in _processes)
        {
            if (ProcessCpu.Used(process.Pid) is { } now)
            {
                var seconds = (now - process.Start).TotalSeconds;
                used.Add(new ServiceCpu(process.Name, Math.Round(seconds, 2), Math.Round(100 * seconds / wall, 1)));
            }
        }

        return used;
    }

    private sealed record Tracked(string Name, int Pid, TimeSpan Start);
}
