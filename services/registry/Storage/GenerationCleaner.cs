using Classroom.Micro.Registry.Presence;
using Classroom.Micro.Registry.Subscriptions;
using Classroom.Micro.Registry.Telemetry;

namespace Classroom.Micro.Registry.Storage;

/// <summary>
/// Removes every entry of retired lease generations. One replica claims a generation and cleans it; the claim
/// lapses if that replica dies, and another finishes the job. Even two cleaners at once are harmless: each
/// entry is removed, and its route decremented, by whichever gets there first.
/// </summary>
/// <remarks>
/// The connections are cleaned in batches of pipelined calls (<see cref="GenerationBatch"/>): Redis calls grow with the
/// channels touched, not with the entries, so a dead edge's thousands of entries are gone within the lease bound. Leaves are announced after the entries are
/// removed: the registry is right first, and the announcements (best effort, one per entry) do not hold it up.
/// </remarks>
internal sealed class GenerationCleaner(EdgeSlot edges, GenerationBatch batch, LeaveAnnouncer? leaves, RegistryMetrics metrics)
{
    // Long enough for a large edge's cleanup; short enough that a dead claimer's work is resumed soon.
    private static readonly TimeSpan ClaimTtl = TimeSpan.FromSeconds(30);

    // Connections read, removed or forgotten in one call: a few hundred keep each script short (Redis serves others between them).
    private const int BatchSize = 500;

    private const int AnnounceParallelism = 32;

    public async Task<GenerationCleanup> CleanAsync(string edgeId, IReadOnlyList<string> generations, CancellationToken cancellationToken)
    {
        var removed = new List<ChannelSubscription?>();
        var pending = 0;
        foreach (var generation in generations)
        {
            if (!await edges.TryClaimAsync(edgeId, generation, ClaimTtl))
            {
                pending++;
                continue;
            }

            removed.AddRange(await CleanGenerationAsync(edgeId, generation, cancellationToken));
            await edges.FinishGenerationAsync(edgeId, generation);
        }

        metrics.SubscriptionsRemoved(removed.Count);
        await AnnounceLeavesAsync(removed, cancellationToken);
        return new GenerationCleanup(removed.Count, pending);
    }

    /// <summary>
    /// Reads every connection's channels (a batch per call round), removes the entries one script per channel, then
    /// forgets the connections: forgotten only after their entries are gone, so a replica that dies in between leaves
    /// them for the next claimer.
    /// </summary>
    private async Task<IEnumerable<ChannelSubscription?>> CleanGenerationAsync(string edgeId, string generation, CancellationToken cancellationToken)
    {
        var connections = new List<(string ConnectionId, string UserId, string[] Channels)>();
        foreach (var connectionBatch in (await edges.ConnectionsAsync(edgeId, generation)).Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            connections.AddRange(await batch.ReadAsync(edgeId, generation, connectionBatch));
        }

        var removals = connections
            .SelectMany(connection => connection.Channels.Select(channel => (Channel: channel, connection.ConnectionId)))
            .GroupBy(pair => pair.Channel, pair => pair.ConnectionId, StringComparer.Ordinal)
            .SelectMany(channel => channel.Chunk(BatchSize).Select(ids => batch.RemoveEntriesAsync(channel.Key, edgeId, generation, ids)));
        var removed = await Task.WhenAll(removals);
        foreach (var connectionBatch in connections.Chunk(BatchSize))
        {
            await batch.ForgetConnectionsAsync(edgeId, generation, [.. connectionBatch.Select(connection => (connection.ConnectionId, connection.UserId))]);
        }

        return removed.SelectMany(entries => entries);
    }

    private async Task AnnounceLeavesAsync(List<ChannelSubscription?> removed, CancellationToken cancellationToken)
    {
        if (leaves is null)
        {
            return;
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = AnnounceParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(removed.OfType<ChannelSubscription>(), options, async (entry, cancel) => await leaves.AnnounceLeaveAsync(entry, cancel));
    }
}
