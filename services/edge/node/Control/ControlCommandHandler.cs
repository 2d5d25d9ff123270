using Classroom.Micro.Edge.Commands;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Edge.Control;

/// <summary>
/// Acts on commands every edge receives about the connections it holds: disconnect (end of class, kick,
/// revocation through the server API), server-side subscribe, unsubscribe and refresh, and forgetting cached permissions (mute).
/// Edges without a matching connection do nothing.
/// </summary>
internal sealed class ControlCommandHandler(SessionDirectory sessions, IServiceProvider services, TimeProvider time)
{
    // Resolved lazily: the subscription handler depends on the fanout pool, which depends on this handler.
    private SubscriptionHandler Subscriptions => services.GetRequiredService<SubscriptionHandler>();

    private ServerSubscriptions ServerSubscriptions => services.GetRequiredService<ServerSubscriptions>();

    public void Handle(ControlCommand command)
    {
        switch (command.KindCase)
        {
            case ControlCommand.KindOneofCase.Disconnect:
                Disconnect(command.Disconnect);
                break;
            case ControlCommand.KindOneofCase.Unsubscribe:
                Unsubscribe(command.Unsubscribe);
                break;
            case ControlCommand.KindOneofCase.PermissionsChanged:
                ForgetPermissions(command.PermissionsChanged);
                break;
            case ControlCommand.KindOneofCase.Refresh:
                Refresh(command.Refresh);
                break;
            case ControlCommand.KindOneofCase.Subscribe:
                Subscribe(command.Subscribe);
                break;
            default:
                break;
        }
    }

    private void Disconnect(DisconnectClients target)
    {
        if (string.IsNullOrEmpty(target.User) && string.IsNullOrEmpty(target.Channel))
        {
            // Never "everyone everywhere" by accident.
            return;
        }

        // A subscribe of the user still in flight is not matched below: it re-checks once registered, and must not find the
        // old answer cached (the permission change may come over another replica's stream, after this).
        ForgetPermissions(new PermissionsChanged { User = target.User, Channel = target.Channel });
        var reason = new DisconnectReason(target.Code == 0 ? Disconnects.ForceNoReconnect.Code : (int)target.Code, string.IsNullOrEmpty(target.Reason) ? Disconnects.ForceNoReconnect.Reason : target.Reason);
        foreach (var session in Matching(target.User, target.Client, target.Channel))
        {
            session.Disconnect(reason);
        }
    }

    private void Unsubscribe(UnsubscribeClients target)
    {
        if (string.IsNullOrEmpty(target.User) || string.IsNullOrEmpty(target.Channel))
        {
            return;
        }

        foreach (var session in Matching(target.User, target.Client, target.Channel))
        {
            _ = Subscriptions.ServerUnsubscribeAsync(session, target.Channel);
        }
    }

    private void Subscribe(SubscribeClients target)
    {
        if (string.IsNullOrEmpty(target.User) || string.IsNullOrEmpty(target.Channel))
        {
            return;
        }

        // Connections already subscribed are left as they are; each other one gets a subscribe push, then deliveries.
        foreach (var session in Matching(target.User, target.Client, channel: "").Where(session => !session.Subscriptions.ContainsKey(target.Channel)))
        {
            _ = ServerSubscriptions.PushSubscribeAsync(session, target);
        }
    }

    private void Refresh(RefreshClients target)
    {
        if (string.IsNullOrEmpty(target.User))
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var session in Matching(target.User, target.Client, channel: ""))
        {
            ConnectionRefresh.Apply(session, target, now);
        }
    }

    private void ForgetPermissions(PermissionsChanged changed)
    {
        foreach (var session in Matching(changed.User, client: "", channel: ""))
        {
            session.ForgetPermissions(changed.Channel);
        }
    }

    private IEnumerable<ClientSession> Matching(string user, string client, string channel) =>
        sessions.All.Where(session =>
            (string.IsNullOrEmpty(user) || session.Identity?.UserId == user)
            && (string.IsNullOrEmpty(client) || session.ClientId == client)
            && (string.IsNullOrEmpty(channel) || session.Subscriptions.ContainsKey(channel)));
}
