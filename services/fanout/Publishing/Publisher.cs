using System.Diagnostics;
using Classroom.Micro.Fanout.Delivery;
using Classroom.Micro.Fanout.Edges;
using Classroom.Micro.Fanout.Storage;
using Classroom.Micro.Fanout.Telemetry;
using Classroom.Micro.Fanout.V1;
using Classroom.Micro.ServiceDefaults.Telemetry;

namespace Classroom.Micro.Fanout.Publishing;

/// <summary>
/// The publish path: append durably, then hand one delivery to every interested edge's queue (never waiting
/// for the network), then remember the position for the next report.
/// </summary>
internal sealed class Publisher(
    PublicationLog log,
    ReplicationBarrier replication,
    InterestTable interests,
    PositionTracker positions,
    FanoutMetrics metrics,
    ServiceTelemetry telemetry,
    TimeProvider timeProvider,
    ILogger<Publisher> logger)
{
    /// <summary>Publishes <paramref name="publication"/> (validated by the caller) and returns where it landed.</summary>
    public async Task<LogPosition> PublishAsync(string channel, Publication publication, string? idempotencyKey)
    {
        using var activity = telemetry.ActivitySource.StartActivity("fanout.publish");
        activity?.SetTag("messaging.destination.name", channel);
        publication.AppendedAtUnixMs = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

        var started = timeProvider.GetTimestamp();
        AppendResult appended;
        try
        {
            var mark = replication.Mark();
            appended = await log.AppendAsync(channel, publication, idempotencyKey);
            await replication.WaitForReplicasAsync(channel, mark);
        }
        catch (ReplicationUnconfirmedException exception)
        {
            FanoutLog.ReplicationUnconfirmed(logger, channel, exception.Confirmed, exception.Required);
            metrics.RedisFailed("wait");
            activity?.SetStatus(ActivityStatusCode.Error, "replication unconfirmed");
            throw;
        }
        catch (Exception exception) when (StorageFailures.IsStorageFailure(exception))
        {
            FanoutLog.RedisFailed(logger, "append", channel, exception);
            metrics.RedisFailed("append");
            activity?.SetStatus(ActivityStatusCode.Error, "append failed");
            throw;
        }
        finally
        {
            metrics.AppendTook(timeProvider.GetElapsedTime(started));
        }

        activity?.SetTag("classroom.fanout.offset", appended.Position.Offset);
        if (appended.Duplicate)
        {
            // The first publish with this key delivered it already.
            return appended.Position;
        }

        metrics.Published();
        publication.Offset = appended.Position.Offset;
        var delivery = new FanoutMessage
        {
            Delivery = new V1.Delivery
            {
                Channel = channel,
                Epoch = appended.Position.Epoch,
                Publication = publication,
                Traceparent = Activity.Current?.Id ?? string.Empty,
            },
        };
        foreach (var attachment in interests.Interested(channel))
        {
            attachment.TryEnqueue(delivery);
        }

        // Recorded after the deliveries are queued, so a report never overtakes its own delivery on a stream.
        positions.Record(channel, appended.Position);
        return appended.Position;
    }
}
