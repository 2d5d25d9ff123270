using Classroom.Micro.Auth.V1;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;

namespace Classroom.Micro.Edge.Commands;

/// <summary>Asks auth whether a connection may act on a channel — once per connection, channel and action.</summary>
internal sealed class ChannelPermissions(AuthService.AuthServiceClient auth)
{
    /// <summary>Null when allowed; otherwise the error to reply with.</summary>
    public async Task<ClientError?> CheckAsync(ClientSession session, string channel, ChannelAction action, CancellationToken cancellation)
    {
        var key = (channel, action);
        if (!session.Permissions.TryGetValue(key, out var decision))
        {
            var response = await auth.AuthorizeChannelAsync(
                new AuthorizeChannelRequest { Principal = session.Principal, Channel = channel, Action = action },
                cancellationToken: cancellation);
            decision = response.Decision;
            if (IsCacheable(channel, action))
            {
                session.Permissions[key] = decision;
            }
        }

        return decision switch
        {
            ChannelDecision.Allowed => null,
            ChannelDecision.UnknownChannel => ClientErrors.UnknownChannel,
            _ => ClientErrors.PermissionDenied,
        };
    }

    // A teacher may write to a student's personal channel only while the student is in one of the teacher's
    // classes, which changes without any event on this connection: asked each time (private messages are rare).
    private static bool IsCacheable(string channel, ChannelAction action) =>
        !(action == ChannelAction.Publish && channel.StartsWith("personal:", StringComparison.Ordinal));
}
