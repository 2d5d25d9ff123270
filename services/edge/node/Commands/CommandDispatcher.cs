using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Telemetry;
using Grpc.Core;

namespace Classroom.Micro.Edge.Commands;

/// <summary>
/// Routes a session's commands to their handlers. Upstream failures become the protocol's temporary
/// internal error (100) so the SDK retries; nothing a client sends can crash the edge.
/// </summary>
internal sealed class CommandDispatcher(
    ConnectHandler connect,
    SubscriptionHandler subscriptions,
    PublishHandler publish,
    ChannelReadHandler reads,
    RpcHandler rpcs,
    CommandRateLimits rates,
    ILogger<CommandDispatcher> logger)
{
    public async Task DispatchAsync(ClientSession session, ClientCommand command, CancellationToken cancellation)
    {
        if (session.Identity is null && command is not ConnectCommand)
        {
            // The first command must be connect; anything else is a broken client.
            session.Disconnect(Disconnects.BadRequest);
            return;
        }

        if (command is not PingReply && rates.Admit(session) is var verdict && verdict != RateVerdict.Admitted)
        {
            if (verdict == RateVerdict.Disconnect)
            {
                session.Disconnect(Disconnects.TooManyRequests);
            }
            else
            {
                session.ReplyError(command.Id, ClientErrors.TooManyRequests);
            }

            return;
        }

        var errorsBefore = session.ErrorReplies;
        try
        {
            await (command switch
            {
                PingReply => Task.CompletedTask,
                ConnectCommand connectCommand => connect.ConnectAsync(session, connectCommand, cancellation),
                RefreshCommand refresh => connect.RefreshAsync(session, refresh, cancellation),
                SubscribeCommand subscribe => subscriptions.SubscribeAsync(session, subscribe, cancellation),
                UnsubscribeCommand unsubscribe => subscriptions.UnsubscribeAsync(session, unsubscribe, cancellation),
                SubRefreshCommand subRefresh => Reply(session, ProtocolWriter.Empty(subRefresh.Id, "sub_refresh")),
                PublishCommand publishCommand => publish.PublishAsync(session, publishCommand, cancellation),
                HistoryCommand history => reads.HistoryAsync(session, history, cancellation),
                PresenceCommand presence => reads.PresenceAsync(session, presence, cancellation),
                PresenceStatsCommand stats => reads.PresenceStatsAsync(session, stats, cancellation),
                RpcCommand rpc => rpcs.HandleAsync(session, rpc, cancellation),
                SendCommand => Task.CompletedTask,
                InvalidCommand invalid => ReplyError(session, invalid.Id, invalid.Error),
                _ => ReplyError(session, command.Id, ClientErrors.MethodNotFound),
            });
        }
        catch (RpcException exception) when (!session.IsClosed)
        {
            EdgeLog.CommandFailed(logger, exception, command.GetType().Name, session.ClientId);
            session.ReplyError(command.Id, ClientErrors.Internal);
        }

        if (session.ErrorReplies - errorsBefore is > 0 and var earned && rates.TooManyErrors(session, earned))
        {
            session.Disconnect(Disconnects.TooManyErrors);
        }
    }

    private static Task ReplyError(ClientSession session, uint id, ClientError error)
    {
        session.ReplyError(id, error);
        return Task.CompletedTask;
    }

    private static Task Reply(ClientSession session, byte[] reply)
    {
        session.TryEnqueue(reply);
        return Task.CompletedTask;
    }
}
