using Classroom.Micro.Edge.Commands;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Telemetry;
using Classroom.Micro.Registry.V1;
using Classroom.Micro.ServiceDefaults.Resilience;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Polly;

namespace Classroom.Micro.Edge.Leases;

/// <summary>
/// Holds this edge's lease in the registry: acquires it at start, renews it at a third of its TTL, and if the
/// registry let it lapse (a long pause or partition swept our entries) acquires it again and re-registers
/// every local subscription. Released on graceful shutdown so the entries go at once. Every acquire and renewal
/// carries this edge's own numbers (<see cref="EdgeSelfReport"/>), which the server API's <c>info</c> reads back.
/// An acquire that fails is retried with the <c>LeaseAcquire</c> backoff (a Polly retry with exponential, jittered waits).
/// </summary>
internal sealed class EdgeLeaseKeeper(
    RegistryService.RegistryServiceClient registry,
    EdgeIdentity identity,
    SessionDirectory sessions,
    EdgeSelfReport report,
    TimeProvider time,
    IOptionsMonitor<BackoffOptions> backoffs,
    ILogger<EdgeLeaseKeeper> logger) : BackgroundService
{
    private readonly ResiliencePipeline _acquireRetry = ResiliencePipelines.Backoff(
        backoffs.Get(BackoffNames.LeaseAcquire),
        time,
        exception => exception is RpcException,
        onRetry: arguments =>
        {
            EdgeLog.LeaseRenewFailed(logger, arguments.Outcome.Exception!, identity.NodeId);
            return ValueTask.CompletedTask;
        });

    private volatile bool _held;

    /// <summary>True while the registry knows this edge as alive.</summary>
    public bool IsHeld => _held;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        EdgeLog.EdgeStarted(logger, identity.NodeId);
        var renewEvery = await AcquireAsync(resync: false, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(renewEvery, time, stoppingToken);
            try
            {
                await registry.RenewEdgeLeaseAsync(new RenewEdgeLeaseRequest { EdgeId = identity.NodeId, Stats = report.Take() }, cancellationToken: stoppingToken);
                _held = true;
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.NotFound)
            {
                _held = false;
                renewEvery = await AcquireAsync(resync: true, stoppingToken);
            }
            catch (RpcException exception)
            {
                EdgeLog.LeaseRenewFailed(logger, exception, identity.NodeId);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await registry.ReleaseEdgeLeaseAsync(new ReleaseEdgeLeaseRequest { EdgeId = identity.NodeId }, deadline: time.GetUtcNow().UtcDateTime.AddSeconds(3), cancellationToken: cancellationToken);
        }
        catch (RpcException exception)
        {
            // The lease lapses by itself; this only makes the cleanup immediate.
            EdgeLog.LeaseRenewFailed(logger, exception, identity.NodeId);
        }
    }

    private async Task<TimeSpan> AcquireAsync(bool resync, CancellationToken stoppingToken) =>
        await _acquireRetry.ExecuteAsync(
            static (state, cancellation) => state.Keeper.AcquireOnceAsync(state.Resync, cancellation),
            (Keeper: this, Resync: resync),
            stoppingToken);

    private async ValueTask<TimeSpan> AcquireOnceAsync(bool resync, CancellationToken stoppingToken)
    {
        var lease = await registry.AcquireEdgeLeaseAsync(new AcquireEdgeLeaseRequest { EdgeId = identity.NodeId, Stats = report.Take() }, cancellationToken: stoppingToken);
        if (resync)
        {
            var count = await ReRegisterAsync(stoppingToken);
            EdgeLog.LeaseReacquired(logger, identity.NodeId, count);
        }
        else
        {
            EdgeLog.LeaseAcquired(logger, identity.NodeId, lease.TtlMs);
        }

        _held = true;
        return TimeSpan.FromMilliseconds(Math.Max(100, lease.TtlMs / 3));
    }

    private async Task<int> ReRegisterAsync(CancellationToken stoppingToken)
    {
        var count = 0;
        foreach (var session in sessions.All)
        {
            foreach (var channel in session.Subscriptions.Keys)
            {
                await registry.AddSubscriptionAsync(new AddSubscriptionRequest { Subscription = RegistryEntries.For(session, channel) }, cancellationToken: stoppingToken);
                count++;
            }
        }

        return count;
    }
}
