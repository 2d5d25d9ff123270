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

        if (session.IsRememberedAllowed(channel, action))
        {
            return null;
        }

        var response = await auth.AuthorizeChannelAsync(
            new AuthorizeChannelRequest { Principal = session.Identity!.ToMessage(), Channel = channel, Action = action },
            deadline: deadline.Next(),
            cancellationToken: cancellation);
        var decision = response.Decision;
        if (decision == ChannelDecision.Allowed && response.Cacheable)
        {
            session.RememberAllowed(channel, action, limits.PermissionCacheSize);
        }

        return Error(decision);
    }

    private static ClientError? Error(ChannelDecision decision) => decision switch
    {
        ChannelDecision.Allowed => null,
        ChannelDecision.UnknownChannel => ClientErrors.UnknownChannel,
        _ => ClientErrors.PermissionDenied,
    };
}
