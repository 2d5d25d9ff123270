using System.Diagnostics;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Telemetry;
using Classroom.Micro.Fanout.V1;
using Grpc.Core;

namespace Classroom.Micro.Edge.Subscriptions;

/// <summary>
/// One channel on this edge: its local subscribers and its place in the channel's stream. A single loop
/// handles deliveries, joins and gap fills in order, so every local subscriber sees every offset once, in
/// stream order, and a joining subscriber's reply (with any recovered publications) precedes its first push.
/// Each publication is serialized once and enqueued to every subscriber's socket.
/// </summary>
internal sealed class ChannelHub
{
    private readonly HubInbox _inbox = new();
    private readonly HubSubscribers _subscribers;
    private readonly DeliverySequencer _sequencer = new();
    private readonly List<Publication> _released = [];
    private readonly DeliveryTraceparents _traceparents = new();
    private readonly IChannelStreamReads _reads;
    private readonly BatchRecovery _recovery;
    private readonly EdgeOptions _options;
    private readonly EdgeMetrics _metrics;
    private readonly DeliveryTracing _tracing;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Task _interestAcknowledged;
    private readonly GapTimer _gapTimer;

    public ChannelHub(string channel, Task interestAcknowledged, IChannelStreamReads reads, EdgeOptions options, EdgeMetrics metrics, DeliveryTracing tracing, TimeProvider time, ILogger logger)
    {
        Name = channel;
        _subscribers = new HubSubscribers(channel);
        _gapTimer = new GapTimer(time, options.GapFillDelay, () => Post(new HubWork.FillGap()));
        _interestAcknowledged = interestAcknowledged;
        _reads = reads;
        _recovery = new BatchRecovery(channel, reads, options.MaxRecoveredPublications);
        _options = options;
        _metrics = metrics;
        _tracing = tracing;
        _time = time;
        _logger = logger;
        Completion = Task.Run(RunAsync);
    }

    public string Name { get; }

    /// <summary>Sessions that joined or are joining; guarded by the owning <see cref="ChannelHubs"/> lock.</summary>
    public int References { get; set; }

    /// <summary>Ends when the hub stopped.</summary>
    public Task Completion { get; }

    public void Post(HubWork work) => _inbox.Post(work);

    private async Task RunAsync()
    {
        // The hub outlives the request of the subscriber that started it: its spans must not join that socket's trace.
        Activity.Current = null;
        await StartAsync();
        while (await _inbox.NextAsync() is { } work)
        {
            try
            {
                if (work is HubWork.Stop)
                {
                    _inbox.Complete();
                    _gapTimer.Stop();
                    FailWaitingJoins();
                    return;
                }

                await HandleAsync(work);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A hub must not die: its subscribers would silently stop receiving.
                EdgeLog.HubFailed(_logger, exception, Name);
            }
        }
    }

    private async Task StartAsync()
    {
        await _interestAcknowledged.WaitAsync(_options.InterestAckTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var attempt = 0;
        while (true)
        {
            try
            {
                var position = await ReadPositionAsync();
                _sequencer.Reset(position.Epoch, position.Offset);
                return;
            }
            catch (RpcException exception)
            {
                EdgeLog.HubStartFailed(_logger, exception, Name);
                if (_inbox.NextIs<HubWork.Stop>())
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * (1 << Math.Min(attempt++, 5)))), _time);
            }
        }
    }

    private Task HandleAsync(HubWork work) => work switch
    {
        HubWork.Deliver deliver => OnDeliveryAsync(deliver.Delivery),
        HubWork.Position position => OnPositionAsync(position.Epoch, position.Offset),
        HubWork.Joins joins => OnJoinsAsync(joins.Batch),
        HubWork.Join join => OnJoinsAsync([join]),
        HubWork.Presence presence => OnPresence(presence.Change),
        HubWork.Leave leave => OnLeave(leave.Session),
        HubWork.FillGap => OnGapTimerAsync(),
        HubWork.Resync => ResyncAsync(),
        _ => Task.CompletedTask,
    };

    private async Task OnDeliveryAsync(Delivery delivery)
    {
        var outcome = _sequencer.Offer(delivery.Epoch, delivery.Publication, _released);
        if (outcome is SequenceOutcome.Released or SequenceOutcome.Buffered)
        {
            _traceparents.Remember(delivery.Epoch, delivery.Publication.Offset, delivery.Traceparent);
        }

        switch (outcome)
        {
            case SequenceOutcome.Released:
                Release();
                break;
            case SequenceOutcome.Buffered:
                _gapTimer.Arm();
                break;
            case SequenceOutcome.EpochChanged:
                await ResetAfterStreamLossAsync(delivery.Epoch);
                break;
            default:
                break;
        }
    }

    private Task OnPositionAsync(string epoch, ulong offset)
    {
        if (!string.Equals(epoch, _sequencer.Epoch, StringComparison.Ordinal))
        {
            return ResetAfterStreamLossAsync(epoch);
        }

        _sequencer.ObserveTop(epoch, offset);
        if (_sequencer.HasGap)
        {
            _gapTimer.Arm();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Answers joins that waited together from one stream read (<see cref="BatchRecovery"/>), all at the same place in
    /// the stream: nothing is released between the read and the last answer, so each joiner's reply (with what it
    /// missed) is followed by exactly the publications released after it.
    /// </summary>
    private async Task OnJoinsAsync(IReadOnlyList<HubWork.Join> batch)
    {
        var joins = new List<HubWork.Join>(batch.Count);
        foreach (var join in batch)
        {
            if (join.Session.IsClosed)
            {
                join.Ticket.Fail();
            }
            else
            {
                joins.Add(join);
            }
        }

        if (joins.Count == 0)
        {
            return;
        }

        Recovery[] recoveries;
        try
        {
            // A client that saw offsets this edge has not released yet must not get them twice: catch up first.
            if (joins.Any(join => join.Command.Recover && join.Command.Offset > _sequencer.LastReleased && string.Equals(join.Command.Epoch, _sequencer.Epoch, StringComparison.Ordinal)))
            {
                var position = await ReadPositionAsync();
                _sequencer.ObserveTop(position.Epoch, position.Offset);
                await FillGapAsync();
            }

            recoveries = await _recovery.RecoverAsync([.. joins.Select(join => join.Command)], _sequencer.Epoch, _sequencer.LastReleased);
        }
        catch (RpcException exception)
        {
            // The stream cannot be read now: fail the subscribes at once (the clients retry) rather than let them time out.
            EdgeLog.GapFillFailed(_logger, exception, Name);
            foreach (var join in joins)
            {
                join.Ticket.Fail();
            }

            return;
        }

        for (var i = 0; i < joins.Count; i++)
        {
            Admit(joins[i], recoveries[i]);
        }
    }

    private void Admit(HubWork.Join join, Recovery recovery)
    {
        var (session, command, ticket) = join;
        if (!ticket.TryClaim())
        {
            // The subscribe already failed back to the client: answering it now would push to a subscription it dropped.
            return;
        }

        var result = new SubscribeResult(
            Recoverable: true,
            Epoch: _sequencer.Epoch,
            Offset: _sequencer.LastReleased,
            Positioned: true,
            Publications: recovery.Publications,
            Recovered: recovery.Recovered,
            WasRecovering: command.Recover,
            Expires: false,
            Ttl: 0,
            JoinLeave: command.JoinLeave);
        if (!JoinReplies.Answer(Name, session, command, ticket, result))
        {
            ticket.Complete(false);
            return;
        }

        if (command.Recover)
        {
            _metrics.Recoveries.Add(1, new KeyValuePair<string, object?>("recovered", recovery.Recovered));
        }

        _subscribers.Add(session, command.JoinLeave);

        ticket.Complete(true);
    }

    private Task OnLeave(ClientSession session)
    {
        _subscribers.Remove(session);
        return Task.CompletedTask;
    }

    private Task OnPresence(PresenceChange change)
    {
        _subscribers.PushPresence(change);
        return Task.CompletedTask;
    }

    private async Task ResyncAsync()
    {
        StreamPosition position;
        try
        {
            position = await ReadPositionAsync();
        }
        catch (RpcException exception)
        {
            EdgeLog.GapFillFailed(_logger, exception, Name);
            return;
        }

        await OnPositionAsync(position.Epoch, position.Offset);
        await FillGapAsync();
    }

    private Task OnGapTimerAsync()
    {
        _gapTimer.Fired();
        return FillGapAsync();
    }

    private async Task FillGapAsync()
    {
        while (_sequencer.HasGap)
        {
            var wanted = _sequencer.KnownTop - _sequencer.LastReleased;
            ReadStreamResponse read;
            try
            {
                read = await _reads.ReadAsync(new ReadStreamRequest
                {
                    Channel = Name,
                    SinceOffset = _sequencer.LastReleased,
                    Limit = (int)Math.Min(wanted, 1000),
                });
            }
            catch (RpcException exception)
            {
                EdgeLog.GapFillFailed(_logger, exception, Name);
                _gapTimer.Failed();
                return;
            }

            _gapTimer.Succeeded();

            if (!string.Equals(read.Position.Epoch, _sequencer.Epoch, StringComparison.Ordinal))
            {
                await ResetAfterStreamLossAsync(read.Position.Epoch);
                return;
            }

            if (read.Publications.Count == 0 || read.Publications[0].Offset != _sequencer.NextOffset)
            {
                // The stream no longer holds what we missed: only a resubscribe with recovery can tell the client honestly.
                EdgeLog.GapUnrecoverable(_logger, Name, _sequencer.NextOffset, read.Publications.Count == 0 ? _sequencer.KnownTop : read.Publications[0].Offset - 1);
                _subscribers.DisconnectAll(Disconnects.InsufficientState);
                _sequencer.Reset(read.Position.Epoch, read.Position.Offset);
                return;
            }

            _metrics.GapFills.Add(read.Publications.Count);
            foreach (var publication in read.Publications)
            {
                _sequencer.Offer(read.Position.Epoch, publication, _released);
            }

            Release();
            _sequencer.ObserveTop(read.Position.Epoch, read.Position.Offset);
            // A read stopped by its byte budget continues with the next round; a short one reached the top.
            if (!read.Truncated && (ulong)read.Publications.Count < Math.Min(wanted, 1000UL))
            {
                return;
            }
        }
    }

    private async Task ResetAfterStreamLossAsync(string observedEpoch)
    {
        // A report or delivery sent before a reset can arrive after it; only the stream itself decides.
        var position = await ReadPositionAsync();
        if (string.Equals(position.Epoch, _sequencer.Epoch, StringComparison.Ordinal))
        {
            return;
        }

        EdgeLog.EpochChanged(_logger, Name, _sequencer.Epoch, observedEpoch);
        _subscribers.DisconnectAll(Disconnects.InsufficientState);
        _sequencer.Reset(position.Epoch, position.Offset);
    }

    private void Release()
    {
        if (_released.Count == 0)
        {
            return;
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var publication in _released)
        {
            using var activity = _tracing.StartDeliver(Name, publication.Offset, _traceparents.Take(_sequencer.Epoch, publication.Offset), _subscribers.Count);
            _subscribers.Push(ProtocolWriter.PublicationPush(Name, PublicationViews.From(publication)));

            _metrics.DeliveriesOut.Add(_subscribers.Count);
            _metrics.DeliveryLatency.Record(Math.Max(0, now - publication.AppendedAtUnixMs));
        }

        _released.Clear();
        _traceparents.ForgetThrough(_sequencer.LastReleased);
    }

    private void FailWaitingJoins()
    {
        foreach (var work in _inbox.Drain())
        {
            if (work is HubWork.Join join)
            {
                join.Ticket.Fail();
            }
            else if (work is HubWork.Joins joins)
            {
                foreach (var waiting in joins.Batch)
                {
                    waiting.Ticket.Fail();
                }
            }
        }
    }

    private async Task<StreamPosition> ReadPositionAsync()
    {
        var read = await _reads.ReadAsync(new ReadStreamRequest { Channel = Name, Limit = 0 });
        return read.Position;
    }
}
