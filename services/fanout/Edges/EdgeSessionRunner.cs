using Classroom.Micro.Fanout.Publishing;
using Classroom.Micro.Fanout.Telemetry;
using Classroom.Micro.Fanout.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Fanout.Edges;

/// <summary>
/// Runs one edge's Attach stream: hello, then interest changes in, deliveries / acks / position reports out.
/// All interests of the stream disappear with it.
/// </summary>
internal sealed class EdgeSessionRunner(
    Announcer announcer,
    InterestTable interests,
    EdgeDirectory directory,
    FanoutMetrics metrics,
    IOptions<FanoutOptions> options,
    TimeProvider timeProvider,
    ILogger<EdgeSessionRunner> logger)
{
    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    // Cancelling a write in progress resets the HTTP/2 stream, losing the status that says why it ended; an edge
    // that resumes reading within this time receives the status instead.
    private static readonly TimeSpan WriteGrace = TimeSpan.FromSeconds(5);

    public async Task RunAsync(IAsyncStreamReader<EdgeMessage> requests, IServerStreamWriter<FanoutMessage> responses, CancellationToken callCancelled)
    {
        var hello = await ReadHelloAsync(requests, callCancelled);
        var edgeId = hello.EdgeId;

        using var attachment = new EdgeAttachment(edgeId, options.Value.EdgeQueueCapacity) { AcceptsDeliveryBatches = hello.AcceptsDeliveryBatches };
        if (directory.Register(attachment) is { } replaced)
        {
            replaced.Abort(new Status(StatusCode.Aborted, $"edge {edgeId} attached again on another stream"));
            FanoutLog.EdgeReplaced(logger, edgeId);
        }

        metrics.EdgeAttached();
        FanoutLog.EdgeAttached(logger, edgeId);

        // Registered first, so a command announced from now on is queued live; the log covers those before (the edge
        // applies an id once, so the overlap is harmless).
        foreach (var missed in await announcer.MissedAsync(hello.ControlSince))
        {
            attachment.TryEnqueue(new FanoutMessage { Control = missed });
        }

        using var session = CancellationTokenSource.CreateLinkedTokenSource(callCancelled, attachment.Aborted);
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(callCancelled);
        var writer = WriteLoopAsync(attachment, responses, session.Token, abandon.Token);
        var reason = "the edge closed the stream";
        try
        {
            await ReadLoopAsync(requests, attachment, session.Token);
        }
        catch (OperationCanceledException) when (session.IsCancellationRequested)
        {
            reason = attachment.AbortStatus?.Detail ?? "the call was cancelled";
        }
        catch (IOException)
        {
            // The edge reset the stream or its connection died: nothing left to tell it.
            reason = "the stream broke";
        }
        catch (RpcException exception)
        {
            reason = exception.Status.Detail;
            throw;
        }
        finally
        {
            interests.RemoveAll(attachment);
            directory.Unregister(attachment);
            await session.CancelAsync();
            await StopWriterAsync(writer, abandon);
            metrics.EdgeDetached();
            FanoutLog.EdgeDetached(logger, edgeId, reason);
        }

        if (attachment.AbortStatus is { } status)
        {
            if (status.StatusCode == StatusCode.ResourceExhausted)
            {
                metrics.SlowEdgeDropped();
                FanoutLog.SlowEdgeDropped(logger, edgeId, attachment.Capacity);
            }

            throw new RpcException(status);
        }
    }

    private static async Task<EdgeHello> ReadHelloAsync(IAsyncStreamReader<EdgeMessage> requests, CancellationToken cancellationToken)
    {
        if (!await requests.MoveNext(cancellationToken) || requests.Current.KindCase != EdgeMessage.KindOneofCase.Hello)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "the first message on Attach must be hello"));
        }

        var hello = requests.Current.Hello;
        if (string.IsNullOrWhiteSpace(hello.EdgeId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "hello.edge_id must not be empty"));
        }

        return hello;
    }

    private async Task ReadLoopAsync(IAsyncStreamReader<EdgeMessage> requests, EdgeAttachment attachment, CancellationToken cancellationToken)
    {
        while (await requests.MoveNext(cancellationToken))
        {
            var message = requests.Current;
            switch (message.KindCase)
            {
                case EdgeMessage.KindOneofCase.Subscribe:
                    EnsureChannelNames(message.Subscribe, "subscribe");
                    interests.Add(attachment, message.Subscribe.Channels);
                    Acknowledge(attachment, message.Subscribe.RequestId);
                    break;
                case EdgeMessage.KindOneofCase.Unsubscribe:
                    EnsureChannelNames(message.Unsubscribe, "unsubscribe");
                    interests.Remove(attachment, message.Unsubscribe.Channels);
                    Acknowledge(attachment, message.Unsubscribe.RequestId);
                    break;
                case EdgeMessage.KindOneofCase.Hello:
                    throw new RpcException(new Status(StatusCode.FailedPrecondition, "hello may be sent only once per Attach stream"));
                default:
                    throw new RpcException(new Status(StatusCode.InvalidArgument, "kind must be hello, subscribe or unsubscribe"));
            }
        }
    }

    private static void EnsureChannelNames(ChannelInterest interest, string field)
    {
        if (interest.Channels.Any(string.IsNullOrEmpty))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field}.channels must not contain an empty channel"));
        }
    }

    // The table is already updated when the ack is queued, so every publication appended after the edge
    // sees the ack is delivered to it.
    private static void Acknowledge(EdgeAttachment attachment, ulong requestId) =>
        attachment.TryEnqueue(new FanoutMessage { InterestAck = new InterestAck { RequestId = requestId } });

    private async Task StopWriterAsync(Task writer, CancellationTokenSource abandon)
    {
        try
        {
            await writer.WaitAsync(WriteGrace, timeProvider);
        }
        catch (TimeoutException)
        {
            await abandon.CancelAsync();
            await writer;
        }
    }

    /// <summary>
    /// Drains the queue until <paramref name="stopping"/>; a write already in progress is cancelled only by
    /// <paramref name="abandon"/>.
    /// </summary>
    private async Task WriteLoopAsync(EdgeAttachment attachment, IServerStreamWriter<FanoutMessage> responses, CancellationToken stopping, CancellationToken abandon)
    {
        try
        {
            while (await attachment.Outbound.WaitToReadAsync(stopping))
            {
                while (!stopping.IsCancellationRequested && attachment.Outbound.TryRead(out var message))
                {
                    var (outgoing, deliveries) = attachment.AcceptsDeliveryBatches
                        ? DeliveryCoalescing.Take(message, attachment.Outbound)
                        : (message, DeliveryCoalescing.IsDelivery(message) ? 1 : 0);

                    // Flush only when the queue is drained: a burst goes out in as few frames as possible.
                    responses.WriteOptions = attachment.Outbound.TryPeek(out _) ? Buffered : null;
                    await responses.WriteAsync(outgoing, abandon);
                    metrics.Delivered(deliveries);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested || abandon.IsCancellationRequested)
        {
            // The stream is ending; queued messages are abandoned, the edge catches up when it reattaches.
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            FanoutLog.EdgeWriteFailed(logger, attachment.EdgeId, exception);
            attachment.Abort(new Status(StatusCode.Unavailable, "writing to the edge failed"));
        }
    }
}
