using Classroom.Micro.Registry.Storage;
using Classroom.Micro.Registry.Telemetry;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Registry.Leases;

/// <summary>
/// Every <see cref="RegistryOptions.SweepInterval"/>, retires the leases that lapsed and removes their edges'
/// subscriptions and routes. Every registry replica runs one; they share the work through per-generation claims.
/// </summary>
internal sealed class LeaseSweeper(
    RedisRegistryStore store,
    IOptions<RegistryOptions> options,
    TimeProvider time,
    RegistryMetrics metrics,
    ILogger<LeaseSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await SweepOnceAsync(stoppingToken);
        }
    }

    /// <summary>One pass over the edges due for a look. Never throws for Redis failures: the next pass retries.</summary>
    public async Task<IReadOnlyList<EdgeSweep>> SweepOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> edgeIds;
        try
        {
            edgeIds = await store.FindEdgesToSweepAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.SweepFailed(exception);
            metrics.RedisFailed("sweep");
            return [];
        }

        var sweeps = new List<EdgeSweep>(edgeIds.Count);
        foreach (var edgeId in edgeIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var sweep = await store.SweepEdgeAsync(edgeId, cancellationToken);
                Report(sweep);
                sweeps.Add(sweep);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.EdgeSweepFailed(exception, edgeId);
                metrics.RedisFailed("sweep");
            }
        }

        return sweeps;
    }

    private void Report(EdgeSweep sweep)
    {
        if (sweep.LeaseExpired)
        {
            metrics.LeaseExpired();
            logger.EdgeLeaseExpired(sweep.EdgeId);
        }

        if (sweep.LeaseExpired || sweep.RemovedSubscriptions > 0)
        {
            logger.EdgeLeaseSwept(sweep.EdgeId, sweep.RemovedSubscriptions);
        }
    }
}
