using System.Net;
using Classroom.Micro.Testing;
using Classroom.Micro.Testing.Fakes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Upstream;

/// <summary>A link to a replica that cannot be reached waits its backoff on the pool's clock before trying again.</summary>
public sealed class FanoutReconnectBackoffTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly IPAddress ReplicaAddress = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task An_unreachable_replica_is_tried_again_only_when_the_backoff_has_passed_on_the_pools_clock()
    {
        var port = FreePort.Next();
        var time = new BackoffClock();
        FakeUpstream? replica = null;
        var edge = PoolUnderTest.Start([$"http://{ReplicaAddress}:{port}"], new ScriptedDns(), time);
        try
        {
            await Eventually.HoldsAsync(() => time.ShortWaits > 0, Timeout, "the failed attach waits a backoff on the pool's clock");

            replica = await FakeUpstream.StartFanoutAsync(ReplicaAddress, port);
            Assert.Equal(0, edge.Pool.AttachedCount);

            // The channel's own connection backoff (real time) may fail a try or two more; each waits on the fake clock.
            await Eventually.HoldsAsync(
                () =>
                {
                    time.Advance(TimeSpan.FromSeconds(2));
                    return edge.Pool.AttachedCount == 1 && replica.Fanout.OpenStreams == 1;
                },
                Timeout,
                "the replica is attached once the clock passes the backoff");
        }
        finally
        {
            // The edge first: a replica stops only once its streams are closed.
            await edge.DisposeAsync();
            if (replica is not null)
            {
                await replica.DisposeAsync();
            }
        }
    }

    /// <summary>A fake clock that counts the timers set for at most the longest reconnect backoff (2 s).</summary>
    private sealed class BackoffClock : FakeTimeProvider
    {
        private int _shortWaits;

        public int ShortWaits => Volatile.Read(ref _shortWaits);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime > TimeSpan.Zero && dueTime <= TimeSpan.FromSeconds(2))
            {
                Interlocked.Increment(ref _shortWaits);
            }

            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
