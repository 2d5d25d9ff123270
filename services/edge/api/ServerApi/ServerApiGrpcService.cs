using Classroom.Micro.Api.V1;
using Grpc.Core;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// The server API over gRPC (<c>classroom.api.v1.ServerApi</c>) for internal callers: the same operations as HTTP,
/// with failures as status codes (INVALID_ARGUMENT naming the field, NOT_FOUND for an unknown channel, OUT_OF_RANGE for
/// an unrecoverable position, UNAVAILABLE when an upstream service is). Keys are checked by <see cref="ApiKeyInterceptor"/>.
/// </summary>
internal sealed class ServerApiGrpcService(
    ServerPublisher publisher,
    ServerReads reads,
    ServerHistoryRemoval history,
    ServerControl control,
    ServerDirectory directory,
    ServerBatch batch,
    ServerApiMetrics metrics)
    : Api.V1.ServerApi.ServerApiBase
{
    public override async Task<PublishResult> Publish(PublishRequest request, ServerCallContext context) =>
        Unwrap("Publish", await publisher.PublishAsync(request, context.CancellationToken));

    public override async Task<BroadcastResult> Broadcast(BroadcastRequest request, ServerCallContext context) =>
        Unwrap("Broadcast", await publisher.BroadcastAsync(request, context.CancellationToken));

    public override async Task<PresenceResult> Presence(ChannelRequest request, ServerCallContext context) =>
        Unwrap("Presence", await reads.PresenceAsync(request, context.CancellationToken));

    public override async Task<PresenceStatsResult> PresenceStats(ChannelRequest request, ServerCallContext context) =>
        Unwrap("PresenceStats", await reads.PresenceStatsAsync(request, context.CancellationToken));

    public override async Task<HistoryResult> History(HistoryRequest request, ServerCallContext context) =>
        Unwrap("History", await reads.HistoryAsync(request, context.CancellationToken));

    public override async Task<Empty> Disconnect(DisconnectRequest request, ServerCallContext context) =>
        Unwrap("Disconnect", await control.DisconnectAsync(request, context.CancellationToken));

    public override async Task<Empty> Unsubscribe(UnsubscribeRequest request, ServerCallContext context) =>
        Unwrap("Unsubscribe", await control.UnsubscribeAsync(request, context.CancellationToken));

    public override async Task<Empty> Refresh(RefreshRequest request, ServerCallContext context) =>
        Unwrap("Refresh", await control.RefreshAsync(request, context.CancellationToken));

    public override async Task<InfoResult> Info(Empty request, ServerCallContext context) =>
        Unwrap("Info", await directory.InfoAsync(context.CancellationToken));

    public override async Task<Empty> HistoryRemove(ChannelRequest request, ServerCallContext context) =>
        Unwrap("HistoryRemove", await history.RemoveAsync(request, context.CancellationToken));

    public override async Task<ChannelsResult> Channels(ChannelsRequest request, ServerCallContext context) =>
        Unwrap("Channels", await directory.ChannelsAsync(request, context.CancellationToken));

    public override async Task<Empty> Subscribe(SubscribeRequest request, ServerCallContext context) =>
        Unwrap("Subscribe", await control.SubscribeAsync(request, context.CancellationToken));

    public override async Task<ConnectionsResult> Connections(ConnectionsRequest request, ServerCallContext context) =>
        Unwrap("Connections", await directory.ConnectionsAsync(request, context.CancellationToken));

    /// <summary>Each command's failure is in its reply; only a batch that cannot run at all (too many commands) fails the call.</summary>
    public override async Task<BatchResult> Batch(BatchRequest request, ServerCallContext context) =>
        Unwrap("Batch", await batch.RunAsync(request, context.CancellationToken));

    private T Unwrap<T>(string method, ApiOutcome<T> outcome)
        where T : class
    {
        metrics.Called(method, ServerApiMetrics.Grpc, outcome.Error?.Code ?? 0);
        return outcome.Error is { } error
            ? throw new RpcException(new Status(error.Status, error.Message))
            : outcome.Result!;
    }
}
