using System.Threading.Channels;
using Classroom.Micro.Fanout.V1;
using Grpc.Core;

namespace Classroom.Micro.Fanout.Tests.Support;

/// <summary>
/// A test's stand-in for an edge node: one Attach stream, its incoming messages sorted by kind so a test can
/// await the next delivery, acknowledgement or position report.
/// </summary>
internal sealed class EdgeStream : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly AsyncDuplexStreamingCall<EdgeMessage, FanoutMessage> _call;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<V1.Delivery> _deliveries = Channel.CreateUnbounded<V1.Delivery>();
    private readonly Channel<InterestAck> _acks = Channel.CreateUnbounded<InterestAck>();
    private readonly Channel<PositionReport> _reports = Channel.CreateUnbounded<PositionReport>();
    private readonly Channel<FanoutMessage> _announcements = Channel.CreateUnbounded<FanoutMessage>();
    private ulong _lastRequestId;
    private int _deliveryMessages;

    private EdgeStream(AsyncDuplexStreamingCall<EdgeMessage, FanoutMessage> call)
    {
        _call = call;
        Completion = PumpAsync();
    }

    /// <summary>Ends when the server ends the stream; faults with its <see cref="RpcException"/>.</summary>
    public Task Completion { get; }

    /// <summary>Stream messages that carried deliveries: one each, or several in a batch.</summary>
    public int DeliveryMessages => Volatile.Read(ref _deliveryMessages);

    public static async Task<EdgeStream> AttachAsync(FanoutService.FanoutServiceClient client, string edgeId, bool acceptsDeliveryBatches = false, string controlSince = "")
    {
        var call = client.Attach();
        var hello = new EdgeHello { EdgeId = edgeId, AcceptsDeliveryBatches = acceptsDeliveryBatches, ControlSince = controlSince };
        await call.RequestStream.WriteAsync(new EdgeMessage { Hello = hello }).WaitAsync(Timeout);
        return new EdgeStream(call);
    }

    public Task SubscribeAsync(params string[] channels) =>
        ChangeInterestAsync(id => new EdgeMessage { Subscribe = Interest(id, channels) });

    public Task UnsubscribeAsync(params string[] channels) =>
        ChangeInterestAsync(id => new EdgeMessage { Unsubscribe = Interest(id, channels) });

    public async Task<V1.Delivery> NextDeliveryAsync() =>
        await _deliveries.Reader.ReadAsync().AsTask().WaitAsync(Timeout);

    public async Task<PositionReport> NextPositionReportAsync() =>
        await _reports.Reader.ReadAsync().AsTask().WaitAsync(Timeout);

    /// <summary>The next presence change or control command.</summary>
    public async Task<FanoutMessage> NextAnnouncementAsync() =>
        await _announcements.Reader.ReadAsync().AsTask().WaitAsync(Timeout);

    /// <summary>Announcements already received and not yet taken.</summary>
    public int ReceivedAnnouncements => _announcements.Reader.Count;

    /// <summary>Deliveries already received and not yet taken.</summary>
    public List<V1.Delivery> TakeReceivedDeliveries()
    {
        var taken = new List<V1.Delivery>();
        while (_deliveries.Reader.TryRead(out var delivery))
        {
            taken.Add(delivery);
        }

        return taken;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _call.Dispose();
        try
        {
            await Completion.WaitAsync(Timeout);
        }
        catch (Exception exception) when (exception is RpcException or OperationCanceledException)
        {
            // The stream was cut by the dispose itself or had already failed; tests assert that separately.
        }

        _stop.Dispose();
    }

    private static ChannelInterest Interest(ulong requestId, IEnumerable<string> channels)
    {
        var interest = new ChannelInterest { RequestId = requestId };
        interest.Channels.Add(channels);
        return interest;
    }

    private async Task ChangeInterestAsync(Func<ulong, EdgeMessage> message)
    {
        var requestId = ++_lastRequestId;
        await _call.RequestStream.WriteAsync(message(requestId)).WaitAsync(Timeout);
        while (true)
        {
            var ack = await _acks.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
            if (ack.RequestId == requestId)
            {
                return;
            }
        }
    }

    private async Task PumpAsync()
    {
        Exception? failure = null;
        try
        {
            await foreach (var message in _call.ResponseStream.ReadAllAsync(_stop.Token))
            {
                switch (message.KindCase)
                {
                    case FanoutMessage.KindOneofCase.Delivery:
                        Interlocked.Increment(ref _deliveryMessages);
                        _deliveries.Writer.TryWrite(message.Delivery);
                        break;
                    case FanoutMessage.KindOneofCase.Deliveries:
                        Interlocked.Increment(ref _deliveryMessages);
                        foreach (var delivery in message.Deliveries.Deliveries)
                        {
                            _deliveries.Writer.TryWrite(delivery);
                        }

                        break;
                    case FanoutMessage.KindOneofCase.InterestAck:
                        _acks.Writer.TryWrite(message.InterestAck);
                        break;
                    case FanoutMessage.KindOneofCase.Positions:
                        _reports.Writer.TryWrite(message.Positions);
                        break;
                    case FanoutMessage.KindOneofCase.Presence or FanoutMessage.KindOneofCase.Control:
                        _announcements.Writer.TryWrite(message);
                        break;
                    default:
                        throw new InvalidOperationException($"Unexpected message kind {message.KindCase}");
                }
            }
        }
        catch (Exception exception)
        {
            failure = exception;
            throw;
        }
        finally
        {
            _deliveries.Writer.TryComplete(failure);
            _acks.Writer.TryComplete(failure);
            _reports.Writer.TryComplete(failure);
            _announcements.Writer.TryComplete(failure);
        }
    }
}
