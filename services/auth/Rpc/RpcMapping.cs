using Classroom.Micro.Auth.Identity;
using Classroom.Micro.Auth.Moderation;
using Classroom.Micro.Auth.Permissions;
using Classroom.Micro.Auth.Tokens;
using Classroom.Micro.Auth.V1;
using Grpc.Core;

namespace Classroom.Micro.Auth.Rpc;

/// <summary>Converts between the <c>classroom.auth.v1</c> messages and this service's domain types.</summary>
internal static class RpcMapping
{
    public static ValidateTokenResponse ToResponse(TokenVerdict verdict) => new()
    {
        Status = verdict.Outcome switch
        {
            TokenOutcome.Valid => TokenStatus.Valid,
            TokenOutcome.Expired => TokenStatus.Expired,
            _ => TokenStatus.Invalid,
        },
        Principal = verdict.Principal is null ? null : ToMessage(verdict.Principal),
        Reason = verdict.Reason,
    };

    public static Principal ToMessage(UserPrincipal principal) => new()
    {
        UserId = principal.UserId,
        Name = principal.Name,
        Role = UserRoles.ToName(principal.Role),
        Classrooms = { principal.Classrooms },
        InfoJson = principal.InfoJson,
        Channels = { principal.Channels },
        ExpiresAtUnix = principal.ExpiresAtUnix,
        IssuedAtUnix = principal.IssuedAtUnix,
    };

    /// <summary>Reads a principal an edge sends back; it came from <c>ValidateToken</c>, so anything off is the caller's bug.</summary>
    /// <param name="message">The principal.</param>
    /// <param name="field">The request field it came in, named in validation failures.</param>
    public static UserPrincipal FromMessage(Principal message, string field = "principal")
    {
        if (string.IsNullOrEmpty(message.UserId))
        {
            throw InvalidArgument($"{field}.user_id is required");
        }

        var role = UserRole.Student;
        if (message.Role.Length > 0 && !UserRoles.TryParse(message.Role, out role))
        {
            throw InvalidArgument($"{field}.role must be {UserRoles.Teacher} or {UserRoles.Student}");
        }

        return new UserPrincipal(message.UserId, message.Name, role, [.. message.Classrooms], message.InfoJson, [.. message.Channels],
            message.ExpiresAtUnix, message.IssuedAtUnix);
    }

    public static ChannelOperation FromMessage(ChannelAction action) => action switch
    {
        ChannelAction.Subscribe => ChannelOperation.Subscribe,
        ChannelAction.Publish => ChannelOperation.Publish,
        ChannelAction.History => ChannelOperation.History,
        ChannelAction.Presence => ChannelOperation.Presence,
        _ => throw InvalidArgument("action is required (SUBSCRIBE, PUBLISH, HISTORY or PRESENCE)"),
    };

    public static ClassroomAction FromMessage(ModerationAction action) => action switch
    {
        ModerationAction.End => ClassroomAction.End,
        ModerationAction.Kick => ClassroomAction.Kick,
        ModerationAction.Mute => ClassroomAction.Mute,
        ModerationAction.Unmute => ClassroomAction.Unmute,
        _ => throw InvalidArgument("action is required (END, KICK, MUTE or UNMUTE)"),
    };

    public static ChannelDecision ToMessage(AccessDecision decision) => decision switch
    {
        AccessDecision.Allowed => ChannelDecision.Allowed,
        AccessDecision.Denied => ChannelDecision.Denied,
        _ => ChannelDecision.UnknownChannel,
    };

    public static RpcException InvalidArgument(string detail) => new(new Status(StatusCode.InvalidArgument, detail));

    public static RpcException PermissionDenied(string detail) => new(new Status(StatusCode.PermissionDenied, detail));
}
