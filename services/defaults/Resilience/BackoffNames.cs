namespace Classroom.Micro.ServiceDefaults.Resilience;

/// <summary>The named backoffs (<see cref="BackoffOptions"/>), one per loop that retries a dependency.</summary>
public static class BackoffNames
{
    /// <summary>An edge re-attaching its stream to a fanout replica.</summary>
    public const string FanoutReconnect = "FanoutReconnect";

    /// <summary>An edge acquiring its lease from the registry (at start, and again after it lapsed).</summary>
    public const string LeaseAcquire = "LeaseAcquire";

    /// <summary>Every name, each with its defaults before configuration overrides them.</summary>
    public static IReadOnlyList<string> All { get; } = [FanoutReconnect, LeaseAcquire];

    /// <summary>A fresh copy of the defaults of <paramref name="name"/>.</summary>
    public static BackoffOptions DefaultsOf(string name) => name switch
    {
        FanoutReconnect => new() { BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromSeconds(2) },
        LeaseAcquire => new() { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(2) },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a backoff name"),
    };
}
