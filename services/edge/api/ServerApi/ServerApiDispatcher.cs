using Classroom.Micro.Api.V1;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// The one table of the server API's methods: a contract <see cref="Command"/> in, its <see cref="Reply"/> (or the
/// <see cref="ApiError"/> it failed with) out. Every form — <c>/api/&lt;method&gt;</c>, <c>batch</c>, the <c>/api</c>
/// pipeline and gRPC — is parsed into a command and runs here, so a method behaves the same whichever way it came.
/// </summary>
internal sealed class ServerApiDispatcher(
    ServerPublisher publisher,
    ServerReads reads,
    ServerHistoryRemoval history,
    ServerControl control,
    ServerDirectory directory)
{
    public async Task<ApiOutcome<Reply>> RunAsync(Command command, CancellationToken cancellation) => command.MethodCase switch
    {
        Command.MethodOneofCase.Publish => Of(await publisher.PublishAsync(command.Publish, cancellation), (reply, result) => reply.Publish = result),
        Command.MethodOneofCase.Broadcast => Of(await publisher.BroadcastAsync(command.Broadcast, cancellation), (reply, result) => reply.Broadcast = result),
        Command.MethodOneofCase.Presence => Of(await reads.PresenceAsync(command.Presence, cancellation), (reply, result) => reply.Presence = result),
        Command.MethodOneofCase.PresenceStats => Of(await reads.PresenceStatsAsync(command.PresenceStats, cancellation), (reply, result) => reply.PresenceStats = result),
        Command.MethodOneofCase.History => Of(await reads.HistoryAsync(command.History, cancellation), (reply, result) => reply.History = result),
        Command.MethodOneofCase.HistoryRemove => Of(await history.RemoveAsync(command.HistoryRemove, cancellation), (reply, result) => reply.HistoryRemove = result),
        Command.MethodOneofCase.Disconnect => Of(await control.DisconnectAsync(command.Disconnect, cancellation), (reply, result) => reply.Disconnect = result),
        Command.MethodOneofCase.Subscribe => Of(await control.SubscribeAsync(command.Subscribe, cancellation), (reply, result) => reply.Subscribe = result),
        Command.MethodOneofCase.Unsubscribe => Of(await control.UnsubscribeAsync(command.Unsubscribe, cancellation), (reply, result) => reply.Unsubscribe = result),
        Command.MethodOneofCase.Refresh => Of(await control.RefreshAsync(command.Refresh, cancellation), (reply, result) => reply.Refresh = result),
        Command.MethodOneofCase.Info => Of(await directory.InfoAsync(cancellation), (reply, result) => reply.Info = result),
        Command.MethodOneofCase.Channels => Of(await directory.ChannelsAsync(command.Channels, cancellation), (reply, result) => reply.Channels = result),
        Command.MethodOneofCase.Connections => Of(await directory.ConnectionsAsync(command.Connections, cancellation), (reply, result) => reply.Connections = result),
        _ => ApiErrors.MethodNotFound,
    };

    private static ApiOutcome<Reply> Of<T>(ApiOutcome<T> outcome, Action<Reply, T> set)
        where T : class
    {
        if (outcome.Error is { } error)
        {
            return error;
        }

        var reply = new Reply();
        set(reply, outcome.Result!);
        return reply;
    }
}
