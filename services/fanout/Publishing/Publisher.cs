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
/// for the network), then remember the position for the next report. A channel's publishes that are waiting at the
/// same time are appended together (<see cref="ChannelBatches"/>): one script call and one replica confirmation for
/// the lot, acknowledged and delivered in offset order.
/// </summary>
internal sealed class Publisher
{
    private readonly PublicationLog _log;
    private readonly ReplicationBarrier _replication;
    private readonly InterestTable _interests;
    private readonly PositionTracker _positions;
    private readonly FanoutMetrics _metrics;
    private readonly ServiceTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger<Publisher> _logger;
    private readonly ChannelBatches _batches;

    public Publisher(
        PublicationLog log,
        ReplicationBarrier replication,
        InterestTable interests,
        PositionTracker positions,
        FanoutMetrics metrics,
        ServiceTelemetry telemetry,
        TimeProvider timeProvider,
        ILogger<Publisher> logger)
    {
        _log = log;
        _replication = replication;
        _interests = interests;
        _positions = positions;
        _metrics = metrics;
        _telemetry = telemetry;
        _time = timeProvider;
        _logger = logger;
        _batches = new ChannelBatches(AppendAsync);
    }

    /// <summary>Publishes <paramref name="publication"/> (validated by the caller) and returns where it landed.</summary>
    public async Task<LogPosition> PublishAsync(string channel, Publication publication, string? idempotencyKey)
    {
        using var activity = _telemetry.ActivitySource.StartActivity("fanout.publish");
        activity?.SetTag("messaging.destination.name", channel);
        publication.AppendedAtUnixMs = _time.GetUtcNow().ToUnixTimeMilliseconds();

        // Only a sampled publish carries its trace context to the edges: no string per publication otherwise.
        var pending = new PendingPublish(publication, idempotencyKey, activity is { Recorded: true } ? activity.Id ?? string.Empty : string.Empty);
        _batches.Add(channel, pending);
        try
        {
            var position = await pending.Completion;
            activity?.SetTag("classroom.fanout.offset", position.Offset);
            return position;
        }
        catch (Exception exception) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception is ReplicationUnconfirmedException ? "replication unconfirmed" : "append failed");
            throw;
        }
    }

    /// <summary>Appends one batch of a channel and completes each of its publishes; never throws.</summary>
    private async Task AppendAsync(string channel, List<PendingPublish> batch)
    {
        var started = _time.GetTimestamp();
        AppendResult[] appended;
        try
        {
            var mark = _replication.Mark();
            appended = await _log.AppendBatchAsync(channel, batch.ConvertAll(pending => new PendingAppend(pending.Publication, pending.IdempotencyKey)));
            await _replication.WaitForReplicasAsync(channel, mark);
        }
        catch (Exception exception)
        {
            if (exception is ReplicationUnconfirmedException unconfirmed)
            {
                FanoutLog.ReplicationUnconfirmed(_logger, channel, unconfirmed.Confirmed, unconfirmed.Required);
                _metrics.RedisFailed("wait");
            }
            else
            {
                FanoutLog.RedisFailed(_logger, "append", channel, exception);
                _metrics.RedisFailed("append");
            }

            foreach (var pending in batch)
            {
                pending.Fail(exception);
            }

            return;
        }
        finally
        {
            _metrics.AppendTook(_time.GetElapsedTime(started));
        }

        var interested = _interests.Interested(channel);
        LogPosition? newest = null;
        for (var i = 0; i < batch.Count; i++)
        {
            var (pending, result) = (batch[i], appended[i]);
            if (!result.Duplicate)
            {
                pending.Publication.Offset = result.Position.Offset;
                Deliver(channel, pending.Publication, result.Position.Epoch, pending.Traceparent, interested);
                newest = result.Position;
            }
            else if (result.Stored is { } earlier)
            {
                // The first publish with this key may have failed after its append (a replica confirmation that timed
                // out) and never been delivered: the retry delivers the stored one, and an edge that already has its
                // offset drops it, so it reaches every subscriber once.
                Deliver(channel, earlier, result.Position.Epoch, pending.Traceparent, interested);
            }

            pending.Succeed(result.Position);
        }

        // Recorded after the deliveries are queued, so a report never overtakes its own delivery on a stream.
        if (newest is { } position)
        {
            _positions.Record(channel, position);
        }
    }

    private void Deliver(string channel, Publication publication, string epoch, string traceparent, IReadOnlyList<EdgeAttachment> interested)
    {
        _metrics.Published();
        var delivery = new FanoutMessage
        {
            Delivery = new V1.Delivery
            {
                Channel = channel,
                Epoch = epoch,
                Publication = publication,
                Traceparent = traceparent,
            },
        };
        foreach (var attachment in interested)
        {
            attachment.TryEnqueue(delivery);
        }
    }
}
