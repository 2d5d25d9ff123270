using Classroom.Micro.Fanout.Edges;
using Classroom.Micro.Fanout.Storage;
using Classroom.Micro.Fanout.Telemetry;
using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Fanout.Publishing;

/// <summary>
/// Ephemeral events: presence changes go to the edges interested in the channel (nothing stored: presence itself is
/// read from the registry), control commands to every attached edge after being recorded in the <see cref="ControlLog"/>,
/// so an edge whose stream is down right now gets them when it attaches again.
/// </summary>
internal sealed class Announcer(InterestTable interests, EdgeDirectory edges, ControlLog controlLog, FanoutMetrics metrics, ILogger<Announcer> logger)
{
    public async Task<int> AnnounceAsync(AnnounceRequest request)
    {
        switch (request.KindCase)
        {
            case AnnounceRequest.KindOneofCase.Presence:
                return EnqueueAll(interests.Interested(request.Presence.Channel), new FanoutMessage { Presence = request.Presence });
            case AnnounceRequest.KindOneofCase.Control:
                var command = request.Control.Clone();
                command.LogId = string.Empty;
                try
                {
                    command.LogId = await controlLog.AppendAsync(command);
                }
                catch (Exception exception) when (StorageFailures.IsStorageFailure(exception))
                {
                    // Still told to the edges attached now; only a replay after a link flap is lost.
                    FanoutLog.RedisFailed(logger, "control log", string.Empty, exception);
                    metrics.RedisFailed("control_log");
                }

                return EnqueueAll(edges.All, new FanoutMessage { Control = command });
            default:
                return 0;
        }
    }

    /// <summary>The control commands an edge that saw <paramref name="since"/> missed, oldest first; none when it saw none.</summary>
    public async Task<IReadOnlyList<ControlCommand>> MissedAsync(string since)
    {
        if (!IsLogId(since))
        {
            return [];
        }

        try
        {
            return await controlLog.ReadAfterAsync(since);
        }
        catch (Exception exception) when (StorageFailures.IsStorageFailure(exception))
        {
            FanoutLog.RedisFailed(logger, "control log replay", string.Empty, exception);
            metrics.RedisFailed("control_log");
            return [];
        }
    }

    // A Redis stream id, <ms>-<seq>: anything else names no position in the log.
    private static bool IsLogId(string since)
    {
        var dash = since.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && since.Length <= 41 && ulong.TryParse(since.AsSpan(0, dash), out _) && ulong.TryParse(since.AsSpan(dash + 1), out _);
    }

    private static int EnqueueAll(IEnumerable<EdgeAttachment> attachments, FanoutMessage message)
    {
        var handed = 0;
        foreach (var attachment in attachments)
        {
            if (attachment.TryEnqueue(message))
            {
                handed++;
            }
        }

        return handed;
    }
}
