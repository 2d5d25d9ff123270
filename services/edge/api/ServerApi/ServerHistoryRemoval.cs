using Classroom.Micro.Api.V1;
using Classroom.Micro.Api.Upstream;
using Classroom.Micro.Fanout.V1;
using Grpc.Core;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// <c>history_remove</c>: the fanout drops the channel's publications and keeps its position (epoch and last offset),
/// as Centrifugo does. Subscribers stay subscribed; one that recovers from before the removal is answered
/// <c>recovered: false</c>, and <c>history</c> since such an offset answers 112: the removal is never a silent gap.
/// </summary>
internal sealed class ServerHistoryRemoval(FanoutReplicas fanout, ILogger<ServerHistoryRemoval> logger)
{
    public async Task<ApiOutcome<Empty>> RemoveAsync(ChannelRequest request, CancellationToken cancellation)
    {
        if (ServerChannels.Check(request.Channel) is { } invalid)
        {
            return invalid;
        }

        try
        {
            var removed = await fanout.RemoveHistoryAsync(new RemoveHistoryRequest { Channel = request.Channel }, cancellation);
            ServerApiLog.HistoryRemoved(logger, request.Channel, removed.Position.Epoch, removed.Position.Offset);
            return new Empty();
        }
        catch (RpcException exception) when (!cancellation.IsCancellationRequested)
        {
            ServerApiLog.UpstreamFailed(logger, exception, "history_remove", exception.StatusCode);
            return ApiErrors.FromUpstream(exception);
        }
    }
}
