using Classroom.Micro.Auth.V1;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Control;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Subscriptions;
using Classroom.Micro.Edge.Telemetry;
using Classroom.Micro.Registry.V1;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Grpc.Core;

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
    ServiceTelemetry telemetry,
    UpstreamDeadline deadline)
{
    /// <summary>The span of a subscribe command.</summary>
    public const string SpanName = "edge.subscribe";

    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(10);

    public async Task SubscribeAsync(ClientSession session, SubscribeCommand command, CancellationToken cancellation)
    {
        // In the connection's trace, next to its connect: the permission asked of auth and the registry entry are its children.
        using var activity = telemetry.ActivitySource.StartActivity(SpanName);
        activity?.SetTag("messaging.destination.name", command.Channel);
        activity?.SetTag("classroom.client.id", session.ClientId);
        if (session.Subscriptions.ContainsKey(command.Channel))
        {
            session.TryEnqueue(ProtocolWriter.Error(command.Id, ClientErrors.AlreadySubscribed));
            return;
        }

        if (await permissions.CheckAsync(session, command.Channel, ChannelAction.Subscribe, cancellation) is { } denied)
        {
            session.TryEnqueue(ProtocolWriter.Error(command.Id, denied));
            return;
        }

        await registry.AddSubscriptionAsync(new AddSubscriptionRequest { Subscription = RegistryEntries.For(session, command.Channel) }, deadline: deadline.Next(), cancellationToken: cancellation);
        session.Subscriptions[command.Channel] = command;
        metrics.Subscriptions.Add(1);

        bool joined;
        try
        {
            joined = await hubs.JoinAsync(session, command).WaitAsync(JoinTimeout, cancellation);
        }
        catch (TimeoutException)
        {
            joined = false;
        }

        if (!joined)
        {
            if (!session.IsClosed)
            {
                await LeaveAsync(session, command.Channel, CancellationToken.None, announce: false);
                session.TryEnqueue(ProtocolWriter.Error(command.Id, ClientErrors.Internal));
            }

            return;
        }

        // A kick that raced this subscribe found no subscription to end (it matches subscribed connections): ask again now
        // that control commands see it; the kick cleared the cached answer, so this reaches auth.
        if (await permissions.CheckAsync(session, command.Channel, ChannelAction.Subscribe, cancellation) is not null)
        {
            await ServerUnsubscribeAsync(session, command.Channel);
            return;
        }

        await presence.AnnounceAsync(session, command.Channel, joined: true);
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
