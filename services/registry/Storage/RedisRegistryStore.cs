using System.Collections.Concurrent;
using Classroom.Micro.Registry.Channels;
using Classroom.Micro.Registry.Leases;
using Classroom.Micro.Registry.Presence;
using Classroom.Micro.Registry.Subscriptions;
using Classroom.Micro.Registry.Telemetry;
using Classroom.Micro.Registry.V1;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Classroom.Micro.Registry.Storage;

/// <summary>
/// The registry's state in Redis: edge leases, subscriptions and routes. Channel keys and edge keys live in
/// different cluster slots, so no operation spans both atomically; instead every entry carries the lease
/// generation that recorded it, the edge index is a superset of the channel entries, and removals are
/// idempotent. See README.md for the key layout.
/// </summary>
internal sealed class RedisRegistryStore
{
    private const int SweepBatchSize = 256;

    // A new lease expiring again while it is being settled is rare; past this the next sweep carries on.
    private const int MaxLooksPerSettle = 3;

    private readonly ChannelSlot _channels;
    private readonly EdgeSlot _edges;
    private readonly LeaseSchedule _schedule;
    private readonly GenerationCleaner _cleaner;
    private readonly ChannelDirectory _directory;
    private readonly TimeSpan _leaseTtl;
    private readonly TimeProvider _time;
    private readonly RegistryMetrics _metrics;

    // The generation of each edge's lease as this replica last saw it: lets a subscribe write without reading the lease
    // first. Only a hint: every write checks the generation against the lease itself.
    private readonly ConcurrentDictionary<string, string> _generations = new(StringComparer.Ordinal);

    public RedisRegistryStore(IConnectionMultiplexer redis, RegistryKeys keys, IOptions<RegistryOptions> options, TimeProvider time, RegistryMetrics metrics, LeaveAnnouncer? leaves = null)
    {
        _channels = new ChannelSlot(redis, keys);
        _edges = new EdgeSlot(redis, keys);
        _schedule = new LeaseSchedule(redis, keys);
        _cleaner = new GenerationCleaner(_edges, new GenerationBatch(redis, keys), leaves, metrics);
        _directory = new ChannelDirectory(redis, keys, options.Value.ChannelsLimit);
        _leaseTtl = options.Value.LeaseTtl;
        _time = time;
        _metrics = metrics;
    }

    /// <summary>
    /// Starts or extends the edge's lease, keeping <paramref name="stats"/> with it when given; an expired previous
    /// lease has its entries removed first.
    /// </summary>
    public async Task<LeaseAcquisition> AcquireLeaseAsync(string edgeId, string address, CancellationToken cancellationToken, EdgeStats? stats = null)
    {
        var now = NowUnixMs();
        var expires = now + (long)_leaseTtl.TotalMilliseconds;

        // Scheduled before the lease exists, so a crash in between never leaves a lease no sweeper will find.
        await _schedule.ScheduleAsync(edgeId, expires);
        var (generation, retired) = await _edges.AcquireAsync(edgeId, address, now, expires, stats?.ToByteArray());
        _generations[edgeId] = generation;
        var removed = retired.Count == 0
            ? 0
            : (await SettleAsync(edgeId, retireExpiringBy: now, cancellationToken)).RemovedSubscriptions;

        return new LeaseAcquisition(new EdgeNodeLease(edgeId, address, FromUnixMs(expires), _leaseTtl, stats), removed);
    }

    /// <summary>Extends a live lease, replacing its stats when <paramref name="stats"/> is given; null when it is absent or already expired.</summary>
    public async Task<EdgeNodeLease?> RenewLeaseAsync(string edgeId, EdgeStats? stats = null)
    {
        var now = NowUnixMs();
        var expires = now + (long)_leaseTtl.TotalMilliseconds;
        var renewed = await _edges.RenewAsync(edgeId, now, expires, stats?.ToByteArray());
        if (renewed is not { } lease)
        {
            return null;
        }

        await _schedule.ScheduleAsync(edgeId, lease.HasRetiredGenerations ? now : expires);
        return new EdgeNodeLease(edgeId, lease.Address, FromUnixMs(expires), _leaseTtl, ParseStats(lease.Stats));
    }

    /// <summary>Ends the edge's lease and removes all its entries; returns how many subscriptions were removed.</summary>
    public async Task<int> ReleaseLeaseAsync(string edgeId, CancellationToken cancellationToken)
    {
        var settled = await SettleAsync(edgeId, retireExpiringBy: EdgeSlot.EndOfTime, cancellationToken);
        return settled.RemovedSubscriptions;
    }

    /// <summary>The edges holding a live lease.</summary>
    public async Task<IReadOnlyList<EdgeNodeLease>> ListLeasesAsync()
    {
        var edgeIds = await _schedule.AllAsync();
        var stored = await Task.WhenAll(edgeIds.Select(_edges.ReadLeaseAsync));
        var now = NowUnixMs();
        return
        [
            .. edgeIds.Zip(stored)
                .Where(pair => pair.Second is { } lease && lease.ExpiresUnixMs > now)
                .Select(pair => new EdgeNodeLease(pair.First, pair.Second!.Address, FromUnixMs(pair.Second.ExpiresUnixMs), _leaseTtl, ParseStats(pair.Second.Stats))),
        ];
    }

    /// <summary>
    /// Records a subscription under the edge's live lease. With the lease's generation known (this replica saw it
    /// before), the index and the entry are written together (one round trip) and the lease is checked after both
    /// (a second); otherwise the lease is read first. A generation that turned out stale is corrected and tried again.
    /// </summary>
    public async Task<AddSubscriptionResult> AddSubscriptionAsync(ChannelSubscription subscription)
    {
        var edgeId = subscription.EdgeId;
        if (!_generations.TryGetValue(edgeId, out var generation))
        {
            var lease = await _edges.ReadLeaseAsync(edgeId);
            if (lease is null || lease.ExpiresUnixMs <= NowUnixMs())
            {
                return AddSubscriptionResult.NoLease;
            }

            generation = lease.Generation;
        }

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var (result, liveGeneration) = await AddUnderAsync(subscription, generation);
            if (result is not null)
            {
                _generations[edgeId] = generation;
                return result.Value;
            }

            if (string.IsNullOrEmpty(liveGeneration))
            {
                _generations.TryRemove(new KeyValuePair<string, string>(edgeId, generation));
                return AddSubscriptionResult.NoLease;
            }

            generation = liveGeneration;
        }

        return AddSubscriptionResult.NoLease;
    }

    /// <summary>
    /// Writes the index pair and the channel entry under <paramref name="generation"/> (sent together), then checks the
    /// lease. Null with the live generation when <paramref name="generation"/> no longer holds the lease (the entry is
    /// taken back).
    /// </summary>
    private async Task<(AddSubscriptionResult? Result, string? LiveGeneration)> AddUnderAsync(ChannelSubscription subscription, string generation)
    {
        var (edgeId, connectionId, channel) = (subscription.EdgeId, subscription.ConnectionId, subscription.Channel);

        // The edge index must always cover the channel entries so that sweeping finds them all. Both writes are sent at
        // once: whichever lands first, the lease read below, made after both, decides whether the entry may stay.
        var indexing = _edges.IndexAsync(edgeId, generation, NowUnixMs(), subscription);
        var adding = _channels.AddAsync(subscription, generation);
        string? indexRefused;
        try
        {
            indexRefused = await indexing;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // The entry may have landed without its index pair: take it back if Redis lets us, then fail the call.
            try
            {
                await adding;
                await _channels.RemoveAsync(channel, connectionId, edgeId, generation);
            }
            catch (Exception cleanup) when (cleanup is RedisException or TimeoutException)
            {
                // Redis is failing: the original failure is the one to report.
            }

            throw;
        }

        var added = await adding;

        if (indexRefused is not null)
        {
            await _channels.RemoveAsync(channel, connectionId, edgeId, generation);
            return (null, indexRefused);
        }

        // A sweeper may have retired the lease and passed this pair before the entry landed; if the lease is no longer
        // the one we indexed under, nobody else will remove the entry, so take it back.
        var after = await _edges.ReadLeaseAsync(edgeId);
        if (after is null || after.Generation != generation || after.ExpiresUnixMs <= NowUnixMs())
        {
            await _channels.RemoveAsync(channel, connectionId, edgeId, generation);
            return (AddSubscriptionResult.NoLease, null);
        }

        if (added.Created)
        {
            _metrics.SubscriptionsAdded(1);
        }

        return (new AddSubscriptionResult(added.Created ? AddSubscriptionOutcome.Added : AddSubscriptionOutcome.AlreadyPresent, added.RouteCreated), null);
    }

    /// <summary>Removes one subscription of a connection on the edge; removing an absent one succeeds.</summary>
    public async Task<RemoveSubscriptionResult> RemoveSubscriptionAsync(string edgeId, string connectionId, string channel)
    {
        var removed = await _channels.RemoveAsync(channel, connectionId, edgeId, generation: null);
        if (removed.Removed)
        {
            // The entry names its user; an entry stored without one (never written so) costs a read of the index.
            var userId = removed.Entry?.UserId ?? (await _edges.ClientAsync(edgeId, removed.Generation, connectionId))?.UserId ?? string.Empty;
            await _edges.UnindexAsync(edgeId, removed.Generation, connectionId, userId, channel);
            _metrics.SubscriptionsRemoved(1);
        }

        return new RemoveSubscriptionResult(removed.Removed, removed.RouteRemoved);
    }

    /// <summary>Removes every subscription of a connection on the edge; returns the channels it was removed from.</summary>
    public async Task<IReadOnlyList<string>> RemoveConnectionAsync(string edgeId, string connectionId)
    {
        var lease = await _edges.ReadLeaseAsync(edgeId);
        if (lease is null)
        {
            // No lease: its entries are retired and being swept.
            return [];
        }

        // Read together: the connection's channels and who it belongs to (for the user index), one round trip.
        var reading = _edges.ChannelsAsync(edgeId, lease.Generation, connectionId);
        var client = await _edges.ClientAsync(edgeId, lease.Generation, connectionId);
        var channels = await reading;
        var results = await Task.WhenAll(channels.Select(channel => _channels.RemoveAsync(channel, connectionId, edgeId, lease.Generation)));
        await _edges.ForgetConnectionAsync(edgeId, lease.Generation, connectionId, client?.UserId ?? string.Empty);

        var removedFrom = channels.Where((_, index) => results[index].Removed).ToList();
        _metrics.SubscriptionsRemoved(removedFrom.Count);
        return removedFrom;
    }

    public Task<IReadOnlyList<ChannelSubscription>> ListSubscriptionsAsync(string channel) => _channels.ListSubscriptionsAsync(channel);

    /// <summary>
    /// The connections holding a subscription, by connection id: those of <paramref name="userId"/> on every live edge
    /// (from the per-user index), or those subscribed to <paramref name="channel"/> (its entries), of that user when
    /// both are given. At least one filter is set.
    /// </summary>
    public async Task<IReadOnlyList<Connection>> ListConnectionsAsync(string userId, string channel)
    {
        if (!string.IsNullOrEmpty(channel))
        {
            var subscriptions = await _channels.ListSubscriptionsAsync(channel);
            return
            [
                .. subscriptions
                    .Where(subscription => userId.Length == 0 || string.Equals(subscription.UserId, userId, StringComparison.Ordinal))
                    .Select(subscription => subscription.ToConnectionMessage())
                    .OrderBy(connection => connection.ConnectionId, StringComparer.Ordinal),
            ];
        }

        var edgeIds = await _schedule.AllAsync();
        var leases = await Task.WhenAll(edgeIds.Select(_edges.ReadLeaseAsync));
        var now = NowUnixMs();
        var perEdge = await Task.WhenAll(edgeIds.Zip(leases)
            .Where(pair => pair.Second is { } lease && lease.ExpiresUnixMs > now)
            .Select(pair => _edges.UserConnectionsAsync(pair.First, pair.Second!.Generation, userId)));
        return [.. perEdge.SelectMany(connections => connections).OrderBy(connection => connection.ConnectionId, StringComparer.Ordinal)];
    }

    public Task<IReadOnlyList<EdgeRoute>> ListRoutesAsync(string channel) => _channels.ListRoutesAsync(channel);

    /// <summary>
    /// The channels with at least one subscriber whose name <paramref name="pattern"/> matches, by name; none and
    /// <see cref="ChannelListing.LimitExceeded"/> when more than <see cref="RegistryOptions.ChannelsLimit"/> match.
    /// </summary>
    public Task<ChannelListing> ListChannelsAsync(ChannelPattern pattern, CancellationToken cancellationToken) =>
        _directory.ListAsync(pattern, cancellationToken);

    /// <summary>Edges whose lease expired or whose retired entries await removal (one batch, oldest first).</summary>
    public Task<IReadOnlyList<string>> FindEdgesToSweepAsync() => _schedule.DueAsync(NowUnixMs(), SweepBatchSize);

    /// <summary>Retires the edge's lease if it expired and removes the entries of its retired generations.</summary>
    public Task<EdgeSweep> SweepEdgeAsync(string edgeId, CancellationToken cancellationToken) =>
        SettleAsync(edgeId, retireExpiringBy: NowUnixMs(), cancellationToken);

    /// <summary>
    /// Retires the lease if it expires by <paramref name="retireExpiringBy"/>, cleans every retired generation, and
    /// looks again until a look finds nothing left to clean. Only such a look may unschedule or reschedule the edge:
    /// an earlier one may predate a concurrent acquire, and unscheduling on it would leave a live lease unswept.
    /// </summary>
    private async Task<EdgeSweep> SettleAsync(string edgeId, long retireExpiringBy, CancellationToken cancellationToken)
    {
        var now = NowUnixMs();
        var expiredNow = false;
        var removed = 0;
        for (var look = 0; look < MaxLooksPerSettle; look++)
        {
            var inspection = await _edges.RetireIfExpiredAsync(edgeId, retireExpiringBy);
            expiredNow |= inspection.ExpiredNow;
            if (inspection.RetiredGenerations.Count == 0)
            {
                if (inspection.LiveUntilUnixMs > 0)
                {
                    await _schedule.RaiseAsync(edgeId, inspection.LiveUntilUnixMs);
                }
                else
                {
                    await _schedule.RemoveIfDueAsync(edgeId, now);
                }

                break;
            }

            // Due until the cleanup is done, so that another replica finishes it if this one dies mid-way.
            await _schedule.ScheduleAsync(edgeId, now);
            var cleanup = await _cleaner.CleanAsync(edgeId, inspection.RetiredGenerations, cancellationToken);
            removed += cleanup.Removed;
            if (cleanup.Pending > 0)
            {
                // Another replica holds a claim; the edge stays due and the next sweep looks again.
                break;
            }
        }

        return new EdgeSweep(edgeId, expiredNow, removed);
    }

    private long NowUnixMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static DateTimeOffset FromUnixMs(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);

    private static EdgeStats? ParseStats(byte[] stats) => stats.Length == 0 ? null : EdgeStats.Parser.ParseFrom(stats);
}
