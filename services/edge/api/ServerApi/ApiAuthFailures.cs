using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// Counts failed server API authentications per client address (a fixed window per address) and says when an address
/// has used up its failures: its calls are then refused as too many requests, whatever key they carry.
/// </summary>
internal sealed class ApiAuthFailures : IDisposable
{

    private readonly PartitionedRateLimiter<string> _failures;

    public ApiAuthFailures(IOptions<ServerApiOptions> options)
    {
        var settings = options.Value;
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.FailedAuthLimit,
            Window = settings.FailedAuthWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        RetryAfter = settings.FailedAuthWindow;
    }

    /// <summary>How long a caller should wait before trying again once its address is locked out.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>Whether <paramref name="address"/> has failures left (checking consumes none).</summary>
    public bool Allows(string address)
    {
        using var probe = _failures.AttemptAcquire(address, 0);
        return probe.IsAcquired;
    }

    /// <summary>Counts one failed authentication of <paramref name="address"/>.</summary>
    public void Failed(string address)
    {
        using var _ = _failures.AttemptAcquire(address, 1);
    }

    public void Dispose() => _failures.Dispose();
}
