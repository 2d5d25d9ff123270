using Classroom.Micro.Registry.Presence;
using Classroom.Micro.Registry.Telemetry;

namespace Classroom.Micro.Registry.Storage;

/// <summary>
/// Removes every entry of retired lease generations. One replica claims a generation and cleans it; the claim
/// lapses if that replica dies, and another finishes the job. Even two cleaners at once are harmless: each
/// entry is removed, and its route decremented, by whichever gets there first.
/// </summary>
internal sealed class GenerationCleaner(ChannelSlot channels, EdgeSlot edges, LeaveAnnouncer? leaves, RegistryMetrics metrics)
{
    // Long enough for a large edge's cleanup; short enough that a dead claimer's work is resumed soon.
    private static readonly TimeSpan ClaimTtl = TimeSpan.FromSeconds(30);

    private const int Parallelism = 16;

    public async Task<GenerationCleanup> CleanAsync(string edgeId, IReadOnlyList<string> generations, CancellationToken cancellationToken)
    {
        var removed = 0;
        var pending = 0;
        foreach (var generation in generations)
        {
            if (!await edges.TryClaimAsync(edgeId, generation, ClaimTtl))
            {
                pending++;
                continue;
            }

            removed += await CleanGenerationAsync(edgeId, generation, cancellationToken);
            await edges.FinishGenerationAsync(edgeId, generation);
        }

        metrics.SubscriptionsRemoved(removed);
        return new GenerationCleanup(removed, pending);
    }

    private async Task<int> CleanGenerationAsync(string edgeId, string generation, CancellationToken cancellationToken)
    {
        var removed = 0;
        var connections = await edges.ConnectionsAsync(edgeId, generation);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(connections, options, async (connectionId, _) =>
        {
            var reading = edges.ChannelsAsync(edgeId, generation, connectionId);
            var client = await edges.ClientAsync(edgeId, generation, connectionId);
            var subscribed = await reading;
            var results = await Task.WhenAll(subscribed.Select(channel => channels.RemoveAsync(channel, connectionId, edgeId, generation)));
            Interlocked.Add(ref removed, results.Count(result => result.Removed));
            await Task.WhenAll(leaves is null ? [] : results
                .Where(result => result is { Removed: true, Entry: not null })
                .Select(result => leaves.AnnounceLeaveAsync(result.Entry!, cancellationToken)));
            await edges.ForgetConnectionAsync(edgeId, generation, connectionId, client?.UserId ?? string.Empty);
        });
        return removed;
    }
}
