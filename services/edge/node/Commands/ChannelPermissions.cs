using Classroom.Micro.Auth.V1;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Commands;

/// <summary>
/// Asks auth whether a connection may act on a channel. A malformed name (too long, not printable ASCII) is refused
/// with 107 without asking anyone. Only allowed answers are kept, at most <see cref="CommandOptions.PermissionCacheSize"/>
/// per connection, so names a client invents cannot grow the edge: a refusal or an unknown channel is asked again.
/// Whether an allowed answer may be kept is auth's to say (<see cref="AuthorizeChannelResponse.Cacheable"/>): the
/// channel grammar and the rules behind it live there only.
/// </summary>
internal sealed class ChannelPermissions(AuthService.AuthServiceClient auth, IOptions<CommandOptions> options, UpstreamDeadline deadline)
{
    /// <summary>Null when allowed; otherwise the error to reply with.</summary>
    public async Task<ClientError?> CheckAsync(ClientSession session, string channel, ChannelAction action, CancellationToken cancellation)
    {
        var limits = options.Value;
        if (!ChannelNameRule.IsValid(channel, limits.MaxChannelLength))
        {
            return ClientErrors.BadRequest;
        }

        var key = (channel, action);
        if (session.Permissions.TryGetValue(key, out var cached))
        {
            return Error(cached);
        }

        var response = await auth.AuthorizeChannelAsync(
            new AuthorizeChannelRequest { Principal = session.Principal, Channel = channel, Action = action },
            deadline: deadline.Next(),
            cancellationToken: cancellation);
        var decision = response.Decision;
        if (decision == ChannelDecision.Allowed && response.Cacheable)
        {
            Remember(session, key, limits.PermissionCacheSize);
        }

        return Error(decision);
    }

    private static void Remember(ClientSession session, (string Channel, ChannelAction Action) key, int capacity)
    {
        var permissions = session.Permissions;
        // Full: one entry makes room. Any one will do; it is asked again if it is needed again.
        while (permissions.Count >= capacity && permissions.Keys.FirstOrDefault() is { Channel: not null } evicted)
        {
            permissions.TryRemove(evicted, out _);
        }

        permissions[key] = ChannelDecision.Allowed;
    }

    private static ClientError? Error(ChannelDecision decision) => decision switch
    {
        ChannelDecision.Allowed => null,
        ChannelDecision.UnknownChannel => ClientErrors.UnknownChannel,
        _ => ClientErrors.PermissionDenied,
    };
}
