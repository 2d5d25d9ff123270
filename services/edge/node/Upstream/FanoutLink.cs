using System.Collections.Concurrent;
using System.Threading.Channels;
using Classroom.Micro.Edge.Telemetry;
using Classroom.Micro.Fanout.V1;
using Grpc.Core;
using Classroom.Micro.ServiceDefaults.Resilience;
using Polly;

namespace Classroom.Micro.Edge.Upstream;

/// <summary>
/// The one long-lived Attach stream from this edge to one fanout replica. Reconnects through
/// a Polly retry with <paramref name="backoff"/> (the <c>FanoutReconnect</c> backoff): a replica that cannot be reached is tried again
/// after growing, jittered waits; a stream that was attached and then lost is re-attached at once, and only its
/// failed retries back off. On every (re)attach it declares the edge's whole interest set again.
/// </summary>
internal sealed class FanoutLink(
    Uri address,
    FanoutService.FanoutServiceClient client,
    string edgeId,
    IFanoutEvents events,
    EdgeMetrics metrics,
    ILogger logger,
    ControlLogCursor controlLog,
    BackoffOptions backoff,
    TimeProvider time)
{
    private readonly ResiliencePipeline _reconnect = ResiliencePipelines.Backoff(
        backoff,
        time,
        IsStreamFailure,
        onRetry: arguments =>
        {
            EdgeLog.FanoutLinkLost(logger, arguments.Outcome.Exception, address, (long)arguments.RetryDelay.TotalMilliseconds);
            return ValueTask.CompletedTask;
        });

    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<bool>> _pendingAcks = new();
    private Channel<EdgeMessage>? _outgoing;
    private long _nextRequestId;

    public Uri Address { get; } = address;

    public FanoutService.FanoutServiceClient Client { get; } = client;

    /// <summary>True while the stream is up and has been told the interest set.</summary>
    public bool IsAttached => Volatile.Read(ref _outgoing) is not null;

    /// <summary>
    /// Queues an interest change. Must be called under the pool's interest lock so that changes reach the
    /// replica in the order they were made. Completes true when the replica acknowledged, false when the
    /// stream is down (the next attach sends the full set).
    /// </summary>
    public Task<bool> SendInterest(bool subscribe, IReadOnlyCollection<string> channels)
    {
        var outgoing = _outgoing;
        if (outgoing is null || channels.Count == 0)
        {
            return Task.FromResult(outgoing is not null);
        }

        var requestId = (ulong)Interlocked.Increment(ref _nextRequestId);
        var interest = new ChannelInterest { RequestId = requestId };
        interest.Channels.AddRange(channels);
        var acknowledged = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingAcks[requestId] = acknowledged;
        var message = subscribe ? new EdgeMessage { Subscribe = interest } : new EdgeMessage { Unsubscribe = interest };
        if (!outgoing.Writer.TryWrite(message))
        {
            _pendingAcks.TryRemove(requestId, out _);
            return Task.FromResult(false);
        }

        return acknowledged.Task;
    }

    /// <summary>Keeps the stream attached until <paramref name="stopping"/>.</summary>
    public async Task RunAsync(FanoutPool pool, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // One run of tries ends when a stream attached and was later lost: the next run starts the backoff over.
                await _reconnect.ExecuteAsync(
                    static (state, cancellation) => new ValueTask(state.Link.AttachOnceAsync(state.Pool, cancellation)),
                    (Link: this, Pool: pool),
                    stopping);
            }
            catch (Exception exception) when (stopping.IsCancellationRequested && (exception is OperationCanceledException || IsStreamFailure(exception)))
            {
                // Stopped (the edge stops, or the replica left discovery): the stream ending is expected, not a loss.
                return;
            }
        }
    }

    /// <summary>How a stream to a replica fails: the replica is down, restarting, unreachable or ended the call.</summary>
    public static bool IsStreamFailure(Exception exception) =>
        exception is RpcException or IOException or HttpRequestException or InvalidOperationException;

    /// <summary>
    /// Attaches once and reads until the stream ends. Returns when the stream had attached (its loss is logged);
    /// throws when it never attached, so the backoff waits before the next try.
    /// </summary>
    private async Task AttachOnceAsync(FanoutPool pool, CancellationToken stopping)
    {
        var attached = false;
        Exception? lost = null;
        try
        {
            await AttachAndReadAsync(pool, () => attached = true, stopping);
        }
        catch (Exception exception) when (attached && !stopping.IsCancellationRequested && IsStreamFailure(exception))
        {
            lost = exception;
        }

        if (!attached)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the replica ended the stream before acknowledging the interest set"));
        }

        if (!stopping.IsCancellationRequested)
        {
            EdgeLog.FanoutLinkLost(logger, lost, Address, 0);
        }
    }

    private async Task AttachAndReadAsync(FanoutPool pool, Action onAttached, CancellationToken stopping)
    {
        using var call = Client.Attach(cancellationToken: stopping);
        await call.RequestStream.WriteAsync(new EdgeMessage { Hello = new EdgeHello { EdgeId = edgeId, AcceptsDeliveryBatches = true, ControlSince = controlLog.ReplayFrom } }, stopping);

        var outgoing = Channel.CreateUnbounded<EdgeMessage>(new UnboundedChannelOptions { SingleReader = true });
        using var writerStop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var writer = PumpAsync(outgoing.Reader, call.RequestStream, writerStop.Token);
        Task<bool> fullSetAcknowledged;
        try
        {
            fullSetAcknowledged = pool.OnAttaching(this, outgoing);
            var reading = ReadAsync(call.ResponseStream, stopping);
            var first = await Task.WhenAny(fullSetAcknowledged, reading);
            if (first == fullSetAcknowledged && await fullSetAcknowledged)
            {
                onAttached();
                metrics.FanoutReconnects.Add(1);
                EdgeLog.FanoutAttached(logger, Address);
                events.OnLinkChanged();
            }

            await reading;
        }
        finally
        {
            pool.OnDetached(this);
            FailPendingAcks();
            outgoing.Writer.TryComplete();
            await writerStop.CancelAsync();
            await writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            events.OnLinkChanged();
        }
    }

    /// <summary>
    /// Called by the pool under its interest lock: makes <paramref name="outgoing"/> the live stream and queues
    /// the whole interest set on it. Completes when the replica acknowledged the set.
    /// </summary>
    internal Task<bool> Activate(Channel<EdgeMessage> outgoing, IReadOnlyCollection<string> channels)
    {
        Volatile.Write(ref _outgoing, outgoing);
        var requestId = (ulong)Interlocked.Increment(ref _nextRequestId);
        var interest = new ChannelInterest { RequestId = requestId };
        interest.Channels.AddRange(channels);
        var acknowledged = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingAcks[requestId] = acknowledged;
        outgoing.Writer.TryWrite(new EdgeMessage { Subscribe = interest });
        return acknowledged.Task;
    }

    /// <summary>Called by the pool under its interest lock when the stream ends.</summary>
    internal void Deactivate() => Volatile.Write(ref _outgoing, null);

    private async Task ReadAsync(IAsyncStreamReader<FanoutMessage> responses, CancellationToken stopping)
    {
        while (await responses.MoveNext(stopping))
        {
            var message = responses.Current;
            switch (message.KindCase)
            {
                case FanoutMessage.KindOneofCase.Delivery:
                    events.OnDelivery(message.Delivery);
                    break;
                case FanoutMessage.KindOneofCase.Deliveries:
                    foreach (var delivery in message.Deliveries.Deliveries)
                    {
                        events.OnDelivery(delivery);
                    }

                    break;
                case FanoutMessage.KindOneofCase.InterestAck:
                    if (_pendingAcks.TryRemove(message.InterestAck.RequestId, out var acknowledged))
                    {
                        acknowledged.TrySetResult(true);
                    }

                    break;
                case FanoutMessage.KindOneofCase.Positions:
                    events.OnPositions(message.Positions);
                    break;
                case FanoutMessage.KindOneofCase.Presence:
                    events.OnPresence(message.Presence);
                    break;
                case FanoutMessage.KindOneofCase.Control:
                    if (controlLog.FirstSighting(message.Control.LogId))
                    {
                        events.OnControl(message.Control);
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static async Task PumpAsync(ChannelReader<EdgeMessage> outgoing, IClientStreamWriter<EdgeMessage> requests, CancellationToken stopping)
    {
        await foreach (var message in outgoing.ReadAllAsync(stopping))
        {
            await requests.WriteAsync(message, stopping);
        }
    }

    private void FailPendingAcks()
    {
        foreach (var requestId in _pendingAcks.Keys)
        {
            if (_pendingAcks.TryRemove(requestId, out var acknowledged))
            {
                acknowledged.TrySetResult(false);
            }
        }
    }
}
