using System.ComponentModel.DataAnnotations;

namespace Classroom.Micro.ServiceDefaults.Discovery;

/// <summary>How often <c>dns:///name:port</c> entries of an address list are looked up again. Bound from the <c>Discovery</c> section.</summary>
public sealed class DiscoveryOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Discovery";

    /// <summary>
    /// Time between two lookups of every DNS entry. Kubernetes answers for a headless Service with a short TTL (5 s by
    /// default), so looking up more often than that mostly reads the resolver's cache.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
