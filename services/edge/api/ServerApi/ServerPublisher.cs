using Classroom.Micro.Api.V1;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Api.Upstream;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Google.Protobuf;
using Google.Protobuf.Collections;
using Grpc.Core;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// Publish and broadcast as the server: no membership check and no publisher identity (<c>info</c> stays empty),
/// appended through the fanout like any client publication, so subscribers on every edge receive it in order.
/// </summary>
internal sealed class ServerPublisher(FanoutReplicas fanout, ServiceTelemetry telemetry, ILogger<ServerPublisher> logger)
{
    /// <summary>Idempotency keys become part of a Redis key, so they stay short.</summary>
    public const int MaxIdempotencyKeyLength = 256;

    /// <summary>How many channels of one broadcast are appended at once.</summary>
    private const int BroadcastConcurrency = 8;

    public async Task<ApiOutcome<PublishResult>> PublishAsync(PublishRequest request, CancellationToken cancellation)
    {
        if (ServerChannels.Check(request.Channel) is { } invalidChannel)
        {
            return invalidChannel;
        }

        if (Problem(request.Data, request.IdempotencyKey, out var data) is { } invalid)
        {
            return invalid;
        }

        using var activity = telemetry.ActivitySource.StartActivity("edge.api.publish");
        activity?.SetTag("messaging.destination.name", request.Channel);
        return await AppendAsync("publish", request.Channel, data, request.IdempotencyKey, request.Tags, cancellation);
    }

    /// <summary>The same data to every channel; each channel succeeds or fails on its own, in the order given.</summary>
    public async Task<ApiOutcome<BroadcastResult>> BroadcastAsync(BroadcastRequest request, CancellationToken cancellation)
    {
        if (request.Channels.Count == 0)
        {
            return ApiErrors.BadRequest("channels is required");
        }

        if (Problem(request.Data, request.IdempotencyKey, out var data) is { } invalid)
        {
            return invalid;
        }

        using var activity = telemetry.ActivitySource.StartActivity("edge.api.broadcast");
        activity?.SetTag("classroom.api.channels", request.Channels.Count);
        var responses = new BroadcastResponseItem[request.Channels.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = BroadcastConcurrency, CancellationToken = cancellation };
        await Parallel.ForEachAsync(Enumerable.Range(0, responses.Length), parallel, async (index, token) =>
        {
            var channel = request.Channels[index];
            // The fanout scopes idempotency keys to their channel, so one key protects each channel's append separately.
            var outcome = ServerChannels.Check(channel) is { } invalidChannel
                ? invalidChannel
                : await AppendAsync("broadcast", channel, data, request.IdempotencyKey, tags: null, token);
            responses[index] = outcome.Error is { } error
                ? new BroadcastResponseItem { Error = new Error { Code = (uint)error.Code, Message = error.Message } }
                : new BroadcastResponseItem { Result = outcome.Result };
        });

        var result = new BroadcastResult();
        result.Responses.AddRange(responses);
        return result;
    }

    /// <summary>Null when the request can be published, with its data as validated JSON.</summary>
    private static ApiError? Problem(ByteString data, string idempotencyKey, out RawJson json)
    {
        json = default;
        if (data.IsEmpty)
        {
            return ApiErrors.BadRequest("data is required");
        }

        // Line breaks inside the value become spaces: subscribers' frames are newline-delimited.
        if (!RawJson.TryCreate(data.Span, out json))
        {
            return ApiErrors.BadRequest("data must be one JSON value");
        }

        return idempotencyKey.Length > MaxIdempotencyKeyLength
            ? ApiErrors.BadRequest($"idempotency_key must be at most {MaxIdempotencyKeyLength} characters")
            : null;
    }

    private async Task<ApiOutcome<PublishResult>> AppendAsync(
        string method, string channel, RawJson data, string idempotencyKey, MapField<string, string>? tags, CancellationToken cancellation)
    {
        var publish = new Fanout.V1.PublishRequest
        {
            Channel = channel,
            Data = UnsafeByteOperations.UnsafeWrap(data.Utf8),
            IdempotencyKey = idempotencyKey,
        };
        if (tags is not null)
        {
            publish.Tags.Add(tags);
        }

        try
        {
            var appended = await fanout.PublishAsync(publish, cancellation);
            return new PublishResult { Offset = appended.Offset, Epoch = appended.Epoch };
        }
        catch (RpcException exception) when (!cancellation.IsCancellationRequested)
        {
            ServerApiLog.UpstreamFailed(logger, exception, method, exception.StatusCode);
            return ApiErrors.FromUpstream(exception);
        }
    }
}
