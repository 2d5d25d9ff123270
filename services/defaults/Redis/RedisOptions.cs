using System.ComponentModel.DataAnnotations;

namespace Classroom.Micro.ServiceDefaults.Redis;

/// <summary>How a service reaches Redis. Bound from the <c>Redis</c> section.</summary>
public sealed class RedisOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Redis";

    /// <summary>
    /// A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>; for Sentinel list the
    /// sentinels and add <c>serviceName=mymaster</c>; for ElastiCache add <c>ssl=true,password=…</c>.
    /// </summary>
    [Required]
    public string Configuration { get; set; } = "127.0.0.1:6379";

    /// <summary>Prefix of every key this deployment writes, so several deployments (or tests) can share a server.</summary>
    [Required]
    public string KeyPrefix { get; set; } = "cm:";
}
