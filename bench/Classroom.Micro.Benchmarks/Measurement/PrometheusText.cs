using System.Globalization;

namespace Classroom.Micro.Benchmarks.Measurement;

/// <summary>Reads values out of a Prometheus text exposition (what the services serve at <c>/metrics</c>).</summary>
internal static class PrometheusText
{
    /// <summary>The sum of every series of <paramref name="metric"/> (all label sets), or null when it is absent.</summary>
    public static double? Sum(string exposition, string metric)
    {
        double? sum = null;
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(metric, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = line.AsSpan(metric.Length);
            if (rest.IsEmpty || (rest[0] != '{' && rest[0] != ' '))
            {
                continue;
            }

            var labelsEnd = rest[0] == '{' ? rest.IndexOf('}') + 1 : 0;
            var fields = rest[labelsEnd..].Trim().ToString().Split(' ');
            if (double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                sum = (sum ?? 0) + value;
            }
        }

        return sum;
    }
}
