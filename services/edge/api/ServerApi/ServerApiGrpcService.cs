using Classroom.Micro.Api.V1;
using Grpc.Core;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// The server API over gRPC (<c>classroom.api.v1.ServerApi</c>) for internal callers: the same operations as HTTP,
/// with failures as status codes (INVALID_ARGUMENT naming the field, NOT_FOUND for an unknown channel, OUT_OF_RANGE for
/// an unrecoverable position, UNAVAILABLE when an upstream service is). Each call runs as the contract's command through
/// <see cref="ServerApiDispatcher"/>, like every HTTP form. Keys are checked by <see cref="ApiKeyInterceptor"/>.
/// </summary>
internal sealed class ServerApiGrpcService(ServerApiDispatcher dispatcher, ServerBatch batch, ServerApiMetrics metrics)
    : Api.V1.ServerApi.ServerApiBase
{
    public override Task<PublishResult> Publish(PublishRequest request, ServerCallContext context) =>
        RunAsync("Publish", new Command { Publish = request }, reply => reply.Publish, context);

    public override Task<BroadcastResult> Broadcast(BroadcastRequest request, ServerCallContext context) =>
        RunAsync("Broadcast", new Command { Broadcast = request }, reply => reply.Broadcast, context);

    public override Task<PresenceResult> Presence(ChannelRequest request, ServerCallContext context) =>
        RunAsync("Presence", new Command { Presence = request }, reply => reply.Presence, context);

    public override Task<PresenceStatsResult> PresenceStats(ChannelRequest request, ServerCallContext context) =>
        RunAsync("PresenceStats", new Command { PresenceStats = request }, reply => reply.PresenceStats, context);

    public override Task<HistoryResult> History(HistoryRequest request, ServerCallContext context) =>
        RunAsync("History", new Command { History = request }, reply => reply.History, context);

    public override Task<Empty> Disconnect(DisconnectRequest request, ServerCallContext context) =>
        RunAsync("Disconnect", new Command { Disconnect = request }, reply => reply.Disconnect, context);

    public override Task<Empty> Subscribe(SubscribeRequest request, ServerCallContext context) =>
        RunAsync("Subscribe", new Command { Subscribe = request }, reply => reply.Subscribe, context);

    public override Task<Empty> Unsubscribe(UnsubscribeRequest request, ServerCallContext context) =>
        RunAsync("Unsubscribe", new Command { Unsubscribe = request }, reply => reply.Unsubscribe, context);

    public override Task<Empty> Refresh(RefreshRequest request, ServerCallContext context) =>
        RunAsync("Refresh", new Command { Refresh = request }, reply => reply.Refresh, context);

    public override Task<InfoResult> Info(Empty request, ServerCallContext context) =>
        RunAsync("Info", new Command { Info = request }, reply => reply.Info, context);

    public override Task<Empty> HistoryRemove(ChannelRequest request, ServerCallContext context) =>
        RunAsync("HistoryRemove", new Command { HistoryRemove = request }, reply => reply.HistoryRemove, context);

    public override Task<ChannelsResult> Channels(ChannelsRequest request, ServerCallContext context) =>
        RunAsync("Channels", new Command { Channels = request }, reply => reply.Channels, context);

    public override Task<ConnectionsResult> Connections(ConnectionsRequest request, ServerCallContext context) =>
        RunAsync("Connections", new Command { Connections = request }, reply => reply.Connections, context);

    /// <summary>Each command's failure is in its reply; only a batch that cannot run at all (too many commands) fails the call.</summary>
    public override async Task<BatchResult> Batch(BatchRequest request, ServerCallContext context) =>
        Unwrap("Batch", await batch.RunAsync(request, context.CancellationToken));

    private async Task<T> RunAsync<T>(string method, Command command, Func<Reply, T> result, ServerCallContext context)
        where T : class
    {
        var outcome = await dispatcher.RunAsync(command, context.CancellationToken);
        return Unwrap(method, outcome.Error is { } error ? ApiOutcome<T>.Failure(error) : result(outcome.Result!));
    }

    private T Unwrap<T>(string method, ApiOutcome<T> outcome)
        where T : class
    {
        metrics.Called(method, ServerApiMetrics.Grpc, outcome.Error?.Code ?? 0);
        return outcome.Error is { } error
            ? throw new RpcException(new Status(error.Status, error.Message))
            : outcome.Result!;
    }
}
