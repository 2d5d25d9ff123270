using System.ComponentModel.DataAnnotations;

namespace Classroom.Micro.ServiceDefaults.Resilience;

/// <summary>
/// When a dependency counts as down and stops being called (<see cref="CircuitBreakerInterceptor"/>), bound from
/// <c>Resilience:Breaker</c>: once at least <see cref="MinimumThroughput"/> calls in <see cref="SamplingDuration"/>
/// failed at <see cref="FailureRatio"/> or more, calls fail at once (UNAVAILABLE) for <see cref="BreakDuration"/>;
/// then one call probes, and its success closes the breaker again.
/// </summary>
public sealed class BreakerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Resilience:Breaker";

    /// <summary>Share of failed calls (0–1] in the sampling window that opens the breaker.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Fewest calls in the window before the ratio counts, so a few failures on a quiet node do not open it.</summary>
    [Range(2, 100_000)]
    public int MinimumThroughput { get; set; } = 20;

    /// <summary>The window over which failures are counted.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long calls fail at once before one probes the dependency again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(1);
}
