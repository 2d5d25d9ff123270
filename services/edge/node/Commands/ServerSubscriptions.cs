using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Subscriptions;
using Classroom.Micro.Fanout.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Commands;

/// <summary>
/// Channels a connection is subscribed to by the server rather than by its own subscribe command: the token's
/// <c>channels</c> claim and, with <see cref="CommandOptions.SubscribeToPersonal"/>, <c>personal:#&lt;user&gt;</c> on
/// connect (reported in the connect reply's <c>subs</c>, recovered from the positions the SDK sends back in
/// <c>connect.subs</c>), and the server API's subscribe (a <c>subscribe</c> push). They go through the same
/// <see cref="SubscriptionHandler"/> and channel hubs as client subscriptions: the same offsets, recovery, presence
/// and join/leave. The permission rules are not asked (the token's issuer or the API caller decided, as in
/// Centrifugo); channel names and the connection's subscription limit are checked.
/// </summary>
internal sealed class ServerSubscriptions(SubscriptionHandler subscriptions, IOptions<CommandOptions> options, ILogger<ServerSubscriptions> logger)
{
    private const string PersonalPrefix = "personal:#";

    /// <summary>
    /// Subscribes a connecting session to its server-side channels while its pushes are held. Returns the results for
    /// the connect reply, or null when the connection was closed instead (3500 for a token naming a malformed channel,
    /// 3505 for one naming too many, 3004 when a channel could not be joined: the SDK reconnects).
    /// </summary>
    public async Task<IReadOnlyList<KeyValuePair<string, SubscribeResult>>?> SubscribeOnConnectAsync(
        ClientSession session,
        IReadOnlyDictionary<string, ServerSubPosition> positions,
        CancellationToken cancellation)
    {
        var channels = ChannelsOf(session.Identity!);
        if (channels.Count == 0)
        {
            return [];
        }

        if (channels.Count > options.Value.MaxSubscriptions)
        {
            session.Disconnect(Disconnects.ChannelLimit);
            return null;
        }

        session.HoldPushes();
        var joins = channels.Select(channel => JoinAsync(session, channel, positions.GetValueOrDefault(channel), cancellation)).ToList();
        var results = await Task.WhenAll(joins);
        if (results.FirstOrDefault(result => result.Error is not null) is { Error: { } error } failed)
        {
            ServerSubscriptionLog.Refused(logger, session.ClientId, failed.Channel, error.Code);
            session.Disconnect(error.Code == ClientErrors.Internal.Code ? Disconnects.InternalServerError : Disconnects.InvalidToken);
            return null;
        }

        return results.Select(result => new KeyValuePair<string, SubscribeResult>(result.Channel, result.Result!)).ToList();
    }

    /// <summary>
    /// After a refresh: channels the new token names and the old one did not are subscribed (a <c>subscribe</c> push
    /// each), channels only the old token named are unsubscribed (an <c>unsubscribe</c> push each).
    /// </summary>
    public async Task FollowTokenChannelsAsync(ClientSession session, ConnectionIdentity previous, ConnectionIdentity current)
    {
        var before = previous.Channels.ToHashSet(StringComparer.Ordinal);
        var after = current.Channels.ToHashSet(StringComparer.Ordinal);
        foreach (var channel in before.Except(after))
        {
            await subscriptions.ServerUnsubscribeAsync(session, channel);
        }

        foreach (var channel in after.Except(before))
        {
            await PushSubscribeAsync(session, channel, new SubscribeClients { Channel = channel });
        }
    }

    /// <summary>The server API's subscribe (a control command every edge receives), for one local session.</summary>
    public Task PushSubscribeAsync(ClientSession session, SubscribeClients target) => PushSubscribeAsync(session, target.Channel, target);

    private async Task PushSubscribeAsync(ClientSession session, string channel, SubscribeClients target)
    {
        var data = default(RawJson);
        if (!string.IsNullOrEmpty(target.DataJson) && !RawJson.TryCreate(System.Text.Encoding.UTF8.GetBytes(target.DataJson), out data))
        {
            ServerSubscriptionLog.Refused(logger, session.ClientId, channel, ClientErrors.BadRequest.Code);
            return;
        }

        var command = new SubscribeCommand(0, channel, target.Recover, target.Offset, NullIfEmpty(target.Epoch), JoinLeave: true, Token: null);
        try
        {
            if (await subscriptions.ServerSubscribeAsync(session, command, new JoinTicket { Answer = JoinAnswer.SubscribePush, PushData = data }, CancellationToken.None) is { } error
                && error.Code != ClientErrors.AlreadySubscribed.Code)
            {
                ServerSubscriptionLog.Refused(logger, session.ClientId, channel, error.Code);
            }
        }
        catch (RpcException exception)
        {
            // Runs off any command loop: a failure is logged, never left unobserved.
            ServerSubscriptionLog.Failed(logger, exception, session.ClientId, channel);
        }
    }

    private async Task<JoinOutcome> JoinAsync(ClientSession session, string channel, ServerSubPosition? position, CancellationToken cancellation)
    {
        var command = new SubscribeCommand(0, channel, position?.Recover ?? false, position?.Offset ?? 0, position?.Epoch, JoinLeave: true, Token: null);
        var ticket = new JoinTicket { Answer = JoinAnswer.ConnectSubs };
        try
        {
            var error = await subscriptions.ServerSubscribeAsync(session, command, ticket, cancellation);
            return new JoinOutcome(channel, error, ticket.Result);
        }
        catch (RpcException exception)
        {
            ServerSubscriptionLog.Failed(logger, exception, session.ClientId, channel);
            return new JoinOutcome(channel, ClientErrors.Internal, null);
        }
    }

    /// <summary>The token's channels, then the personal channel when configured; each once, in that order.</summary>
    private List<string> ChannelsOf(ConnectionIdentity principal)
    {
        var channels = new List<string>(principal.Channels.Count + 1);
        foreach (var channel in principal.Channels)
        {
            if (!channels.Contains(channel, StringComparer.Ordinal))
            {
                channels.Add(channel);
            }
        }

        var personal = PersonalPrefix + principal.UserId;
        if (options.Value.SubscribeToPersonal && !channels.Contains(personal, StringComparer.Ordinal))
        {
            channels.Add(personal);
        }

        return channels;
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;

    private readonly record struct JoinOutcome(string Channel, ClientError? Error, SubscribeResult? Result);
}
