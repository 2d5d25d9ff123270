using Classroom.Micro.Api.V1;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// <c>batch</c>: several commands in one call, as Centrifugo runs them. Each command succeeds or fails on its own and
/// the replies keep command order; one after another by default, or at most <see cref="ParallelCommands"/> at a time
/// with <c>parallel</c>. A batch cannot contain a batch.
/// </summary>
internal sealed class ServerBatch(
    ServerPublisher publisher,
    ServerReads reads,
    ServerHistoryRemoval history,
    ServerControl control,
    ServerDirectory directory)
{
    /// <summary>Most commands one batch may carry.</summary>
    public const int MaxCommands = 1000;

    private const int ParallelCommands = 8;

    public Task<ApiOutcome<BatchResult>> RunAsync(BatchRequest request, CancellationToken cancellation) =>
        RunAsync([.. request.Commands.Select(command => (BatchEntry)command)], request.Parallel, cancellation);

    public async Task<ApiOutcome<BatchResult>> RunAsync(IReadOnlyList<BatchEntry> entries, bool parallel, CancellationToken cancellation)
    {
        if (entries.Count > MaxCommands)
        {
            return ApiErrors.BadRequest($"commands must be at most {MaxCommands}");
        }

        var replies = new Reply[entries.Count];
        if (parallel)
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = ParallelCommands, CancellationToken = cancellation };
            await Parallel.ForEachAsync(Enumerable.Range(0, entries.Count), options, async (index, token) =>
                replies[index] = await ReplyAsync(entries[index], token));
        }
        else
        {
            for (var index = 0; index < entries.Count; index++)
            {
                replies[index] = await ReplyAsync(entries[index], cancellation);
            }
        }

        var result = new BatchResult();
        result.Replies.AddRange(replies);
        return result;
    }

    private async Task<Reply> ReplyAsync(BatchEntry entry, CancellationToken cancellation)
    {
        if (entry.Error is { } refused)
        {
            return Failed(refused);
        }

        var command = entry.Command!;
        return command.MethodCase switch
        {
            Command.MethodOneofCase.Publish => Of(await publisher.PublishAsync(command.Publish, cancellation), (reply, result) => reply.Publish = result),
            Command.MethodOneofCase.Broadcast => Of(await publisher.BroadcastAsync(command.Broadcast, cancellation), (reply, result) => reply.Broadcast = result),
            Command.MethodOneofCase.Presence => Of(await reads.PresenceAsync(command.Presence, cancellation), (reply, result) => reply.Presence = result),
            Command.MethodOneofCase.PresenceStats => Of(await reads.PresenceStatsAsync(command.PresenceStats, cancellation), (reply, result) => reply.PresenceStats = result),
            Command.MethodOneofCase.History => Of(await reads.HistoryAsync(command.History, cancellation), (reply, result) => reply.History = result),
            Command.MethodOneofCase.HistoryRemove => Of(await history.RemoveAsync(command.HistoryRemove, cancellation), (reply, result) => reply.HistoryRemove = result),
            Command.MethodOneofCase.Disconnect => Of(await control.DisconnectAsync(command.Disconnect, cancellation), (reply, result) => reply.Disconnect = result),
            Command.MethodOneofCase.Unsubscribe => Of(await control.UnsubscribeAsync(command.Unsubscribe, cancellation), (reply, result) => reply.Unsubscribe = result),
            Command.MethodOneofCase.Refresh => Of(await control.RefreshAsync(command.Refresh, cancellation), (reply, result) => reply.Refresh = result),
            Command.MethodOneofCase.Info => Of(await directory.InfoAsync(cancellation), (reply, result) => reply.Info = result),
            Command.MethodOneofCase.Subscribe => Of(await control.SubscribeAsync(command.Subscribe, cancellation), (reply, result) => reply.Subscribe = result),
            Command.MethodOneofCase.Connections => Of(await directory.ConnectionsAsync(command.Connections, cancellation), (reply, result) => reply.Connections = result),
            Command.MethodOneofCase.Channels => Of(await directory.ChannelsAsync(command.Channels, cancellation), (reply, result) => reply.Channels = result),
            _ => Failed(ApiErrors.MethodNotFound),
        };
    }

    private static Reply Of<T>(ApiOutcome<T> outcome, Action<Reply, T> set)
        where T : class
    {
        if (outcome.Error is { } error)
        {
            return Failed(error);
        }

        var reply = new Reply();
        set(reply, outcome.Result!);
        return reply;
    }

    private static Reply Failed(ApiError error) => new() { Error = new Error { Code = (uint)error.Code, Message = error.Message } };
}
