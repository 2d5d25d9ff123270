using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;
using Classroom.Micro.Edge.Connections;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Commands;

/// <summary>
/// A token bucket per connection (<see cref="CommandOptions.RatePerSecond"/>, burst <see cref="CommandOptions.RateBurst"/>).
/// Buckets refill, by the time elapsed, when a command arrives rather than on a timer, so an idle socket costs nothing;
/// a bucket goes with its session.
/// </summary>
internal sealed class CommandRateLimits(IOptions<CommandOptions> options)
{
    private readonly ConditionalWeakTable<ClientSession, Bucket> _buckets = [];

    /// <summary>What to do with one more command of <paramref name="session"/>.</summary>
    public RateVerdict Admit(ClientSession session) =>
        _buckets.GetValue(session, _ => new Bucket(options.Value)).Admit();

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Without auto-replenishment the limiter holds no timer: nothing to release, and a bucket lives exactly as long as its session.")]
    private sealed class Bucket(CommandOptions limits)
    {
        private readonly TokenBucketRateLimiter _tokens = new(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.RateBurst,
            TokensPerPeriod = Math.Max(1, limits.RatePerSecond / 10),
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
            QueueLimit = 0,
            AutoReplenishment = false,
        });

        private int _refusedInARow;

        public RateVerdict Admit()
        {
            _tokens.TryReplenish();
            using var lease = _tokens.AttemptAcquire();
            if (lease.IsAcquired)
            {
                Interlocked.Exchange(ref _refusedInARow, 0);
                return RateVerdict.Admitted;
            }

            return Interlocked.Increment(ref _refusedInARow) >= limits.RateLimitedBeforeDisconnect ? RateVerdict.Disconnect : RateVerdict.Refused;
        }
    }
}
