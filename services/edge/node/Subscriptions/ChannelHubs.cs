using System.Collections.Concurrent;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Telemetry;
using Classroom.Micro.Edge.Upstream;
using Classroom.Micro.Fanout.V1;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Subscriptions;

/// <summary>
/// The channels this edge has local subscribers on, one <see cref="ChannelHub"/> each, ref-counted by
/// subscriber: the first subscriber declares interest to the fanout replicas, the last one withdraws it.
/// </summary>
internal sealed class ChannelHubs(
    IOptions<EdgeOptions> options,
    EdgeMetrics metrics,
    DeliveryTracing tracing,
    TimeProvider time,
    ILogger<ChannelHubs> logger)
{
    private readonly Lock _lock = new();
    // Reads (every delivery) are lock-free; changes happen under _lock so reference counts and interest stay in step.
    private readonly ConcurrentDictionary<string, ChannelHub> _hubs = new(StringComparer.Ordinal);
    private FanoutPool? _fanout;

    /// <summary>Connects the hubs to the fanout links; called once at start (the links also feed the hubs).</summary>
    public void Attach(FanoutPool fanout) => _fanout = fanout;

    /// <summary>How many channels have local subscribers.</summary>
    public int Count => _hubs.Count;

    /// <summary>
    /// Adds <paramref name="session"/> to the channel. Completes true once the hub enqueued the subscribe reply
    /// to the session (every later publication follows it), false when the channel could not be joined.
    /// </summary>
    public Task<bool> JoinAsync(ClientSession session, SubscribeCommand command, JoinTicket? ticket = null)
    {
        ticket ??= new JoinTicket();
        // Decided here, before the subscribe handler's own timeout, so the hub can never answer a join whose
        // subscribe was already failed back to the client.
        var deadline = time.CreateTimer(static state => ((JoinTicket)state!).Abandon(), ticket, options.Value.JoinDeadline, Timeout.InfiniteTimeSpan);
        ticket.Outcome.ContinueWith(static (_, state) => ((ITimer)state!).Dispose(), deadline, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        lock (_lock)
        {
            if (!_hubs.TryGetValue(command.Channel, out var hub))
            {
                var fanout = _fanout ?? throw new InvalidOperationException("The fanout pool is not attached.");
                hub = new ChannelHub(command.Channel, fanout.AddInterest(command.Channel), new FanoutStreamReads(fanout), options.Value, metrics, tracing, time, logger);
                _hubs[command.Channel] = hub;
            }

            hub.References++;
            hub.Post(new HubWork.Join(session, command, ticket));
        }

        return ticket.Outcome;
    }

    /// <summary>Removes <paramref name="session"/> from the channel; the last one out stops the hub.</summary>
    public void Leave(ClientSession session, string channel)
    {
        lock (_lock)
        {
            if (!_hubs.TryGetValue(channel, out var hub))
            {
                return;
            }

            hub.Post(new HubWork.Leave(session));
            if (--hub.References > 0)
            {
                return;
            }

            _hubs.TryRemove(channel, out _);
            hub.Post(new HubWork.Stop());
            _fanout?.RemoveInterest(channel);
        }
    }

    public void OnPresence(PresenceChange change)
    {
        if (_hubs.TryGetValue(change.Channel, out var hub))
        {
            hub.Post(new HubWork.Presence(change));
        }
    }

    public void OnDelivery(Delivery delivery)
    {
        if (_hubs.TryGetValue(delivery.Channel, out var hub))
        {
            hub.Post(new HubWork.Deliver(delivery));
        }
    }

    public void OnPositions(PositionReport report)
    {
        foreach (var channel in report.Channels)
        {
            if (_hubs.TryGetValue(channel.Channel, out var hub))
            {
                hub.Post(new HubWork.Position(channel.Position.Epoch, channel.Position.Offset));
            }
        }
    }

    public void OnLinkChanged()
    {
        // A delivery may have been lost with the stream: every channel compares itself with its stream.
        foreach (var hub in _hubs.Values)
        {
            hub.Post(new HubWork.Resync());
        }
    }
}
