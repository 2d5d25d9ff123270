using System.Globalization;

namespace Classroom.Micro.Benchmarks.Measurement;

/// <summary>CPU time a process has used (user plus system), from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
internal static class ProcessCpu
{
    // USER_HZ: the unit of /proc's CPU times, 100 on every Linux the project runs on.
    private const double TicksPerSecond = 100;

    public static TimeSpan? Used(int? pid)
    {
        var path = pid is null ? null : string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/stat");
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        // The command name (field 2) may hold spaces; the fields after its closing parenthesis start at field 3 (state),
        // so utime (14) and stime (15) are the 12th and 13th of them.
        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
