using System.ComponentModel.DataAnnotations;

namespace Classroom.Micro.ServiceDefaults.Resilience;

/// <summary>
/// Exponential backoff with jitter for one named reconnect or retry loop (<see cref="BackoffNames"/>), bound from
/// <c>Resilience:Backoff:&lt;name&gt;</c>. Each try after a failure waits about twice as long as the one before, up to
/// <see cref="MaxDelay"/>; a success starts the next run of failures from <see cref="BaseDelay"/> again.
/// </summary>
public sealed class BackoffOptions
{
    /// <summary>Configuration section holding one subsection per name.</summary>
    public const string SectionName = "Resilience:Backoff";

    /// <summary>The (median) wait before the first retry.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest wait between two tries, however many failed in a row.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(2);
}
