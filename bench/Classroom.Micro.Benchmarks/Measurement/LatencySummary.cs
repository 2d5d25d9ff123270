namespace Classroom.Micro.Benchmarks.Measurement;

/// <summary>Percentiles of a set of latencies, in milliseconds (nearest-rank: p99 is a latency some sample really had).</summary>
internal sealed record LatencySummary(long Count, double Mean, double P50, double P95, double P99, double Max)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Summarises <paramref name="milliseconds"/>; sorts it in place.</summary>
    public static LatencySummary Of(List<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return Empty;
        }

        milliseconds.Sort();
        return new LatencySummary(
            milliseconds.Count,
            Round(milliseconds.Average()),
            Round(Percentile(milliseconds, 0.50)),
            Round(Percentile(milliseconds, 0.95)),
            Round(Percentile(milliseconds, 0.99)),
            Round(milliseconds[^1]));
    }

    private static double Percentile(List<double> sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static double Round(double value) => Math.Round(value, 2);
}
