namespace Classroom.Micro.Benchmarks.Compare.Scenarios;

/// <summary>The connect scenario on one system: arrival rates tried in rising order until one missed the join bound.</summary>
/// <param name="Steps">Each rate tried, the one that ended the ramp included.</param>
/// <param name="SustainedArrivalsPerSecond">The highest rate at which every member joined with p99 within the bound; null when the first missed it.</param>
/// <param name="StoppedBecause">Why the ramp ended.</param>
internal sealed record ConnectRampResult(IReadOnlyList<ConnectRateResult> Steps, double? SustainedArrivalsPerSecond, string StoppedBecause)
{
    /// <summary>The first (lowest) rate's step, where every system is expected to keep up.</summary>
    public ConnectRateResult? First => Steps.Count > 0 ? Steps[0] : null;
}
