namespace Classroom.Micro.ServiceDefaults.Resilience;

/// <summary>The named backoffs (<see cref="BackoffOptions"/>), one per loop that retries a dependency.</summary>
public static class BackoffNames
{
    /// <summary>An edge re-attaching its stream to a fanout replica.</summary>
    public const string FanoutReconnect = "FanoutReconnect";

    /// <summary>An edge acquiring its lease from the registry (at start, and again after it lapsed).</summary>
    public const string LeaseAcquire = "LeaseAcquire";

    /// <summary>The defaults of each name, before configuration overrides them (do not change the instances).</summary>
    public static IReadOnlyDictionary<string, BackoffOptions> Defaults { get; } = new Dictionary<string, BackoffOptions>(StringComparer.Ordinal)
    {
        [FanoutReconnect] = new() { BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromSeconds(2) },
        [LeaseAcquire] = new() { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(2) },
    };
}
