using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;
using Classroom.Micro.Edge.Connections;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Commands;

/// <summary>
/// The command limits of a connection and of its user on this edge:
/// a token bucket per connection (<see cref="CommandOptions.RatePerSecond"/>, burst <see cref="CommandOptions.RateBurst"/>)
/// and one per user across their connections (<see cref="CommandOptions.UserRatePerSecond"/>,
/// <see cref="CommandOptions.UserRateBurst"/>), each past its rate answered 111; more than
/// <see cref="CommandOptions.RateLimitedBeforeDisconnect"/> refusals within <see cref="CommandOptions.RateLimitWindow"/>
/// close the connection with 3013, and more than <see cref="CommandOptions.MaxErrors"/> error replies within
/// <see cref="CommandOptions.ErrorWindow"/> with 3509. Connection buckets refill, by the time elapsed, when a command
/// arrives rather than on a timer, so an idle socket costs nothing, and go with their session; the user buckets are
/// refilled by the partitioned limiter's one timer and dropped when idle.
/// </summary>
internal sealed class CommandRateLimits : IDisposable
{
    private readonly ConditionalWeakTable<ClientSession, ConnectionLimits> _connections = [];
    private readonly IOptions<CommandOptions> _options;
    private readonly TimeProvider _time;
    private readonly LimitMetrics _metrics;
    private readonly PartitionedRateLimiter<string> _users;

    public CommandRateLimits(IOptions<CommandOptions> options, TimeProvider time, LimitMetrics metrics)
    {
        _options = options;
        _time = time;
        _metrics = metrics;
        var limits = options.Value;
        _users = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetTokenBucketLimiter(user, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.UserRateBurst,
            TokensPerPeriod = Math.Max(1, limits.UserRatePerSecond / 10),
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
            QueueLimit = 0,
            AutoReplenishment = false,
        }));
    }

    /// <summary>What to do with one more command of <paramref name="session"/>.</summary>
    public RateVerdict Admit(ClientSession session)
    {
        var connection = For(session);
        if (connection.TryTake())
        {
            if (session.Identity?.UserId is not { Length: > 0 } user)
            {
                return RateVerdict.Admitted;
            }

            using var lease = _users.AttemptAcquire(user);
            if (lease.IsAcquired)
            {
                return RateVerdict.Admitted;
            }

            _metrics.Refused(LimitMetrics.UserCommandRate);
        }
        else
        {
            _metrics.Refused(LimitMetrics.CommandRate);
        }

        if (connection.Refusals.Add(1) > _options.Value.RateLimitedBeforeDisconnect)
        {
            _metrics.Refused(LimitMetrics.RateDisconnect);
            return RateVerdict.Disconnect;
        }

        return RateVerdict.Refused;
    }

    /// <summary>Counts <paramref name="earned"/> error replies of <paramref name="session"/>; true when it must be closed with 3509.</summary>
    public bool TooManyErrors(ClientSession session, int earned)
    {
        if (For(session).Errors.Add(earned) <= _options.Value.MaxErrors)
        {
            return false;
        }

        _metrics.Refused(LimitMetrics.Errors);
        return true;
    }

    public void Dispose() => _users.Dispose();

    private ConnectionLimits For(ClientSession session) =>
        _connections.GetValue(session, _ => new ConnectionLimits(_options.Value, _time));

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Without auto-replenishment the limiter holds no timer: nothing to release, and a bucket lives exactly as long as its session.")]
    private sealed class ConnectionLimits(CommandOptions limits, TimeProvider time)
    {
        private readonly TokenBucketRateLimiter _tokens = new(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.RateBurst,
            TokensPerPeriod = Math.Max(1, limits.RatePerSecond / 10),
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
            QueueLimit = 0,
            AutoReplenishment = false,
        });

        public WindowedCount Refusals { get; } = new(time, limits.RateLimitWindow);

        public WindowedCount Errors { get; } = new(time, limits.ErrorWindow);

        public bool TryTake()
        {
            _tokens.TryReplenish();
            using var lease = _tokens.AttemptAcquire();
            return lease.IsAcquired;
        }
    }
}
