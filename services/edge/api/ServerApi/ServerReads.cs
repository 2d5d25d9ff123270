using System.Text;
using Classroom.Micro.Api.V1;
using Classroom.Micro.Api.Upstream;
using Classroom.Micro.Edge.Upstream;
using Classroom.Micro.Fanout.V1;
using Classroom.Micro.Registry.V1;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>Presence (from the registry) and history (from the channel's stream), for the server.</summary>
internal sealed class ServerReads(
    FanoutReplicas fanout,
    RegistryService.RegistryServiceClient registry,
    ServiceTelemetry telemetry,
    IOptions<ServerApiOptions> options,
    ILogger<ServerReads> logger)
{
    public async Task<ApiOutcome<PresenceResult>> PresenceAsync(ChannelRequest request, CancellationToken cancellation)
    {
        var listed = await SubscriptionsAsync("presence", request.Channel, cancellation);
        if (listed.Error is { } error)
        {
            return error;
        }

        var result = new PresenceResult();
        foreach (var subscription in listed.Result!.Subscriptions)
        {
            result.Presence[subscription.ConnectionId] = new Api.V1.ClientInfo
            {
                User = subscription.UserId,
                Client = subscription.ConnectionId,
                ConnInfo = string.IsNullOrEmpty(subscription.ConnInfoJson) ? ByteString.Empty : ByteString.CopyFrom(subscription.ConnInfoJson, Encoding.UTF8),
            };
        }

        return result;
    }

    public async Task<ApiOutcome<PresenceStatsResult>> PresenceStatsAsync(ChannelRequest request, CancellationToken cancellation)
    {
        var listed = await SubscriptionsAsync("presence_stats", request.Channel, cancellation);
        if (listed.Error is { } error)
        {
            return error;
        }

        // Counted by the registry, once for clients and the server.
        return new PresenceStatsResult { NumClients = listed.Result!.NumClients, NumUsers = listed.Result.NumUsers };
    }

    /// <summary>
    /// Publications after <c>since_offset</c> (all retained when 0), at most <c>limit</c> (0: only the stream position,
    /// negative: all). A position fanout calls unrecoverable (another epoch, or the next publications no longer
    /// retained) fails with 112.
    /// </summary>
    public async Task<ApiOutcome<Api.V1.HistoryResult>> HistoryAsync(HistoryRequest request, CancellationToken cancellation)
    {
        if (ServerChannels.Check(request.Channel) is { } invalid)
        {
            return invalid;
        }

        using var activity = telemetry.ActivitySource.StartActivity("edge.api.history");
        activity?.SetTag("messaging.destination.name", request.Channel);
        ReadStreamResponse read;
        try
        {
            // Paged: fanout answers at most a page of bytes per call (truncated, with the next page's offset).
            read = await StreamPager.ReadAsync(
                new ReadStreamRequest
                {
                    Channel = request.Channel,
                    SinceOffset = request.SinceOffset,
                    SinceEpoch = request.SinceEpoch,
                    Limit = request.Limit < 0 ? -1 : request.Limit,
                    Reverse = request.Reverse,
                },
                options.Value.HistoryPageBytes,
                options.Value.HistoryMaxBytes,
                page => fanout.ReadStreamAsync(page, cancellation));
        }
        catch (RpcException exception) when (!cancellation.IsCancellationRequested)
        {
            ServerApiLog.UpstreamFailed(logger, exception, "history", exception.StatusCode);
            return ApiErrors.FromUpstream(exception);
        }

        // Whether the caller's position can be continued from is fanout's answer (the one home of error 112).
        if (read.Unrecoverable)
        {
            return ApiErrors.UnrecoverablePosition;
        }

        if (read.Truncated)
        {
            return ApiErrors.LimitExceeded($"history window larger than Api:HistoryMaxBytes ({options.Value.HistoryMaxBytes} bytes), ask for fewer publications");
        }

        var result = new Api.V1.HistoryResult { Offset = read.Position.Offset, Epoch = read.Position.Epoch };
        foreach (var stored in read.Publications)
        {
            var publication = new Api.V1.Publication { Offset = stored.Offset, Data = stored.Data };
            publication.Tags.Add(stored.Tags);
            if (stored.Info is { } info)
            {
                publication.Info = new Api.V1.ClientInfo { User = info.User, Client = info.Client, ConnInfo = info.ConnInfo };
            }

            result.Publications.Add(publication);
        }

        return result;
    }

    private async Task<ApiOutcome<ListChannelSubscriptionsResponse>> SubscriptionsAsync(string method, string channel, CancellationToken cancellation)
    {
        if (ServerChannels.Check(channel) is { } invalid)
        {
            return invalid;
        }

        try
        {
            return await registry.ListChannelSubscriptionsAsync(new ListChannelSubscriptionsRequest { Channel = channel }, cancellationToken: cancellation);
        }
        catch (RpcException exception) when (!cancellation.IsCancellationRequested)
        {
            ServerApiLog.UpstreamFailed(logger, exception, method, exception.StatusCode);
            return ApiErrors.FromUpstream(exception);
        }
    }
}
