using System.Text;
using Classroom.Micro.Api.V1;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Api.Upstream;
using Classroom.Micro.Fanout.V1;
using Grpc.Core;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// Disconnect, subscribe, unsubscribe and refresh for the server. The user's connections may sit on any edge, so the command is
/// announced through the fanout to every edge, and each acts on the connections it holds. The call returns once
/// the fanout took the command; the sockets close moments later.
/// </summary>
internal sealed class ServerControl(FanoutReplicas fanout, ILogger<ServerControl> logger)
{
    /// <summary>A WebSocket close frame carries at most 123 bytes of reason.</summary>
    public const int MaxReasonBytes = 123;

    /// <summary>Disconnects every connection of <c>user</c> (or only <c>client</c>); by default with 3503 "force disconnect", which the SDK does not retry.</summary>
    public async Task<ApiOutcome<Empty>> DisconnectAsync(DisconnectRequest request, CancellationToken cancellation)
    {
        if (string.IsNullOrEmpty(request.User))
        {
            return ApiErrors.BadRequest("user is required");
        }

        var (code, reason) = request.Code == 0
            ? ((uint)Disconnects.ForceNoReconnect.Code, Disconnects.ForceNoReconnect.Reason)
            : (request.Code, request.Reason);
        // The protocol's application range; below it are WebSocket's own codes, which would confuse the SDK.
        if (code is < 3000 or > 4999)
        {
            return ApiErrors.BadRequest("disconnect code must be within 3000..4999");
        }

        if (Encoding.UTF8.GetByteCount(reason) > MaxReasonBytes)
        {
            return ApiErrors.BadRequest($"disconnect reason must be at most {MaxReasonBytes} UTF-8 bytes");
        }

        ServerApiLog.Disconnecting(logger, request.User, request.Client, code);
        return await AnnounceAsync("disconnect", new ControlCommand
        {
            Disconnect = new DisconnectClients { User = request.User, Client = request.Client, Code = code, Reason = reason },
        }, cancellation);
    }

    /// <summary>Unsubscribes every connection of <c>user</c> (or only <c>client</c>) from <c>channel</c>; the SDK sees a server-side unsubscribe.</summary>
    public async Task<ApiOutcome<Empty>> UnsubscribeAsync(UnsubscribeRequest request, CancellationToken cancellation)
    {
        if (string.IsNullOrEmpty(request.User))
        {
            return ApiErrors.BadRequest("user is required");
        }

        if (ServerChannels.Check(request.Channel) is { } invalid)
        {
            return invalid;
        }

        ServerApiLog.Unsubscribing(logger, request.User, request.Client, request.Channel);
        return await AnnounceAsync("unsubscribe", new ControlCommand
        {
            Unsubscribe = new UnsubscribeClients { User = request.User, Channel = request.Channel, Client = request.Client },
        }, cancellation);
    }

    /// <summary>
    /// Subscribes every connection of <c>user</c> (or only <c>client</c>) to <c>channel</c> on the server's behalf; each
    /// edge holding one sends the protocol's <c>subscribe</c> push with <c>data</c> and delivers the channel from the
    /// stream's top, or after <c>recover_since</c> when given.
    /// </summary>
    public async Task<ApiOutcome<Empty>> SubscribeAsync(SubscribeRequest request, CancellationToken cancellation)
    {
        if (string.IsNullOrEmpty(request.User))
        {
            return ApiErrors.BadRequest("user is required");
        }

        if (ServerChannels.Check(request.Channel) is { } invalid)
        {
            return invalid;
        }

        // Pushed inside newline-delimited frames: one JSON value, line breaks made spaces.
        var data = default(RawJson);
        if (!request.Data.IsEmpty && !RawJson.TryCreate(request.Data.Span, out data))
        {
            return ApiErrors.BadRequest("data must be one JSON value");
        }

        var since = request.RecoverSince;
        ServerApiLog.Subscribing(logger, request.User, request.Client, request.Channel, since is not null);
        return await AnnounceAsync("subscribe", new ControlCommand
        {
            Subscribe = new SubscribeClients
            {
                User = request.User,
                Channel = request.Channel,
                Client = request.Client,
                DataJson = data.IsEmpty ? string.Empty : data.ToString(),
                Recover = since is not null,
                Offset = since?.Offset ?? 0,
                Epoch = since?.Epoch ?? string.Empty,
            },
        }, cancellation);
    }

    /// <summary>
    /// Sets when every connection of <c>user</c> (or only <c>client</c>) expires: <c>expired</c> now, else at
    /// <c>expire_at</c>, else never, as Centrifugo's server-side refresh does. Each edge applies it with its own clock
    /// (the edge's <c>Control/ConnectionRefresh</c>).
    /// </summary>
    public async Task<ApiOutcome<Empty>> RefreshAsync(RefreshRequest request, CancellationToken cancellation)
    {
        if (string.IsNullOrEmpty(request.User))
        {
            return ApiErrors.BadRequest("user is required");
        }

        if (request.ExpireAt < 0)
        {
            return ApiErrors.BadRequest("expire_at must be Unix seconds, not negative");
        }

        ServerApiLog.Refreshing(logger, request.User, request.Client, request.Expired, request.ExpireAt);
        return await AnnounceAsync("refresh", new ControlCommand
        {
            Refresh = new RefreshClients { User = request.User, Client = request.Client, Expired = request.Expired, ExpireAt = request.ExpireAt },
        }, cancellation);
    }

    private async Task<ApiOutcome<Empty>> AnnounceAsync(string method, ControlCommand command, CancellationToken cancellation)
    {
        try
        {
            await fanout.AnnounceAsync(new AnnounceRequest { Control = command }, cancellation);
            return new Empty();
        }
        catch (RpcException exception) when (!cancellation.IsCancellationRequested)
        {
            ServerApiLog.UpstreamFailed(logger, exception, method, exception.StatusCode);
            return ApiErrors.FromUpstream(exception);
        }
    }
}
