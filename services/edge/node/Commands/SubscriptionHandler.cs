using Classroom.Micro.Auth.V1;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Control;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Subscriptions;
using Classroom.Micro.Edge.Telemetry;
using Classroom.Micro.Registry.V1;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Commands;

/// <summary>
/// Subscribe: permission (auth) → registry entry → the channel hub, which answers with the stream position
/// and any recovered publications. Unsubscribe undoes all three. A refused subscribe leaves no trace.
/// </summary>
internal sealed class SubscriptionHandler(
    ChannelPermissions permissions,
    RegistryService.RegistryServiceClient registry,
    ChannelHubs hubs,
    PresenceAnnouncer presence,
    EdgeMetrics metrics,
    LimitMetrics limits,
    IOptions<CommandOptions> options,
    IOptions<EdgeOptions> edgeOptions,
    ServiceTelemetry telemetry,
    UpstreamDeadline deadline)
{
    /// <summary>The span of a subscribe command.</summary>
    public const string SpanName = "edge.subscribe";

    public async Task SubscribeAsync(ClientSession session, SubscribeCommand command, CancellationToken cancellation)
    {
        // In the connection's trace, next to its connect: the permission asked of auth and the registry entry are its children.
        using var activity = telemetry.ActivitySource.StartActivity(SpanName);
        activity?.SetTag("messaging.destination.name", command.Channel);
        activity?.SetTag("classroom.client.id", session.ClientId);
        if (await JoinAsync(session, command, new JoinTicket(), checkPermission: true, cancellation) is { } error)
        {
            session.ReplyError(command.Id, error);
        }
    }

    /// <summary>
    /// Subscribes <paramref name="session"/> on the server's behalf (token <c>channels</c>, the personal channel, the
    /// server API): the channel's name and the connection's subscription limit are checked, the channel permission
    /// rules are not (the token's issuer or the API caller decided). The hub answers as <paramref name="ticket"/> says.
    /// Null when subscribed; otherwise the protocol error.
    /// </summary>
    public async Task<ClientError?> ServerSubscribeAsync(ClientSession session, SubscribeCommand command, JoinTicket ticket, CancellationToken cancellation)
    {
        using var activity = telemetry.ActivitySource.StartActivity(SpanName);
        activity?.SetTag("messaging.destination.name", command.Channel);
        activity?.SetTag("classroom.client.id", session.ClientId);
        return await JoinAsync(session, command, ticket, checkPermission: false, cancellation);
    }

    private async Task<ClientError?> JoinAsync(ClientSession session, SubscribeCommand command, JoinTicket ticket, bool checkPermission, CancellationToken cancellation)
    {
        var limit = options.Value;
        if (session.Subscriptions.ContainsKey(command.Channel))
        {
            return ClientErrors.AlreadySubscribed;
        }

        if (!ChannelNameRule.IsValid(command.Channel, limit.MaxChannelLength))
        {
            return ClientErrors.BadRequest;
        }

        if (session.Subscriptions.Count >= limit.MaxSubscriptions)
        {
            limits.Refused(LimitMetrics.Subscriptions);
            return ClientErrors.LimitExceeded;
        }

        if (checkPermission && await permissions.CheckAsync(session, command.Channel, ChannelAction.Subscribe, cancellation) is { } denied)
        {
            return denied;
        }

        await registry.AddSubscriptionAsync(new AddSubscriptionRequest { Subscription = RegistryEntries.For(session, command.Channel) }, deadline: deadline.Next(), cancellationToken: cancellation);
        // The hub counts the session before the session lists the channel: a cleanup that sees the channel always
        // releases a reference the hub holds.
        var joining = hubs.JoinAsync(session, command, ticket);
        session.Subscriptions[command.Channel] = command;
        metrics.Subscriptions.Add(1);

        bool joined;
        try
        {
            joined = await joining.WaitAsync(edgeOptions.Value.JoinTimeout, cancellation);
        }
        catch (TimeoutException)
        {
            joined = false;
        }

        if (!joined || session.IsClosed)
        {
            // A failed join, or a session that closed meanwhile (a server-side subscribe runs beside the socket's
            // cleanup): undone here unless the cleanup already took it.
            await LeaveAsync(session, command.Channel, CancellationToken.None, announce: false);
            return ClientErrors.Internal;
        }

        // A kick that raced this subscribe found no subscription to end (it matches subscribed connections): ask again now
        // that control commands see it; the kick cleared the cached answer, so this reaches auth.
        // (Server-side subscriptions skip permissions, so they skip this too.) The subscribe was answered by the hub
        // already, so the client learns of it as a server unsubscribe, not as an error.
        if (checkPermission && await permissions.CheckAsync(session, command.Channel, ChannelAction.Subscribe, cancellation) is not null)
        {
            await ServerUnsubscribeAsync(session, command.Channel);
            return null;
        }

        await presence.AnnounceAsync(session, command.Channel, joined: true);
        return null;
    }

    /// <summary>The server removes a subscription (server API, kick): the client is told with an unsubscribe push.</summary>
    public async Task ServerUnsubscribeAsync(ClientSession session, string channel)
    {
        if (!session.Subscriptions.ContainsKey(channel))
        {
            return;
        }

        await LeaveAsync(session, channel, CancellationToken.None);
        session.TryEnqueue(ProtocolWriter.UnsubscribePush(channel, Unsubscribes.Server));
    }

    public async Task UnsubscribeAsync(ClientSession session, UnsubscribeCommand command, CancellationToken cancellation)
    {
        await LeaveAsync(session, command.Channel, cancellation);
        session.TryEnqueue(ProtocolWriter.Empty(command.Id, "unsubscribe"));
    }

    /// <summary>Removes a session from every channel and the registry; runs when the socket is gone.</summary>
    public async Task ReleaseAllAsync(ClientSession session)
    {
        var left = new List<string>();
        foreach (var channel in session.Subscriptions.Keys)
        {
            if (session.Subscriptions.TryRemove(channel, out _))
            {
                hubs.Leave(session, channel);
                metrics.Subscriptions.Add(-1);
                left.Add(channel);
            }
        }

        await registry.RemoveConnectionAsync(new RemoveConnectionRequest { EdgeId = session.EdgeId, ConnectionId = session.ClientId }, deadline: deadline.Next());
        await Task.WhenAll(left.Select(channel => presence.AnnounceAsync(session, channel, joined: false)));
    }

    private async Task LeaveAsync(ClientSession session, string channel, CancellationToken cancellation, bool announce = true)
    {
        if (!session.Subscriptions.TryRemove(channel, out _))
        {
            return;
        }

        hubs.Leave(session, channel);
        metrics.Subscriptions.Add(-1);
        try
        {
            await registry.RemoveSubscriptionAsync(
                new RemoveSubscriptionRequest { EdgeId = session.EdgeId, ConnectionId = session.ClientId, Channel = channel },
                deadline: deadline.Next(),
                cancellationToken: cancellation);
        }
        catch (RpcException) when (session.IsClosed)
        {
            // The connection's cleanup removes every entry anyway.
        }

        if (announce)
        {
            await presence.AnnounceAsync(session, channel, joined: false);
        }
    }
}
