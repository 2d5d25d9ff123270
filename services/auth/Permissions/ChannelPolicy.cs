using Classroom.Micro.Auth.Identity;
using Classroom.Micro.Auth.Moderation;

namespace Classroom.Micro.Auth.Permissions;

/// <summary>
/// Every permission rule, in one place. <see cref="Decide"/> states what the token alone allows:
/// <c>classroom:&lt;id&gt;</c> is open to the classroom's members for every action;
/// <c>personal:#&lt;userId&gt;</c> is read by its owner and may be written by teachers; nothing else exists.
/// <see cref="ChannelAuthorizer"/> then narrows an allowed decision with what the token cannot say:
/// moderation (<see cref="WithStanding"/>) and who is in class right now (<see cref="WithAttendance"/>).
/// </summary>
internal static class ChannelPolicy
{
    public static AccessDecision Decide(UserPrincipal principal, string channel, ChannelOperation operation)
    {
        if (ChannelNames.TryGetClassroomId(channel, out var classroomId))
        {
            if (!ClassroomId.IsValid(classroomId))
            {
                return AccessDecision.UnknownChannel;
            }

            return IsMember(principal, classroomId) ? AccessDecision.Allowed : AccessDecision.Denied;
        }

        if (ChannelNames.TryGetPersonalOwner(channel, out var ownerId))
        {
            if (ownerId.Length == 0)
            {
                return AccessDecision.UnknownChannel;
            }

            var allowed = operation switch
            {
                ChannelOperation.Subscribe or ChannelOperation.History => ownerId == principal.UserId,
                ChannelOperation.Publish => principal.Role == UserRole.Teacher,
                // Presence on a personal channel would tell anyone when its owner is online.
                _ => false,
            };
            return allowed ? AccessDecision.Allowed : AccessDecision.Denied;
        }

        return AccessDecision.UnknownChannel;
    }

    /// <summary>
    /// A member's standing in the classroom narrows what their token allowed on its channel: a kick shuts out
    /// every token issued up to it (a token issued later lets them back), a mute refuses their publishes.
    /// </summary>
    public static AccessDecision WithStanding(AccessDecision decision, UserPrincipal principal, ChannelOperation operation, ClassroomStanding standing)
    {
        if (decision != AccessDecision.Allowed)
        {
            return decision;
        }

        if (standing.ExcludesTokenIssuedAt(principal.IssuedAtUnix))
        {
            return AccessDecision.Denied;
        }

        return standing.Muted && operation == ChannelOperation.Publish ? AccessDecision.Denied : AccessDecision.Allowed;
    }

    /// <summary>
    /// Whether narrowing a decision on <paramref name="channel"/> needs to know who is in class: a teacher writes to a
    /// personal channel only while its owner is subscribed to one of the teacher's classrooms.
    /// </summary>
    public static bool NeedsAttendance(AccessDecision decision, string channel, ChannelOperation operation) =>
        decision == AccessDecision.Allowed && operation == ChannelOperation.Publish && ChannelNames.TryGetPersonalOwner(channel, out _);

    /// <summary>
    /// Whether a caller may keep an allowed decision on <paramref name="channel"/> for a connection's lifetime. A write
    /// to a personal channel depends on attendance, which changes without any event on the writer's connection: it is
    /// asked each time (private messages are rare). Moderation narrows classroom decisions too, but a mute or kick
    /// reaches the edges as an event that drops what they kept.
    /// </summary>
    public static bool MayCache(string channel, ChannelOperation operation) =>
        !(operation == ChannelOperation.Publish && ChannelNames.TryGetPersonalOwner(channel, out _));

    /// <summary>Narrows an allowed write to a personal channel to the time its owner is in class.</summary>
    /// <param name="decision">What the token allowed.</param>
    /// <param name="ownerAttends">The personal channel's owner is subscribed to one of the teacher's classrooms now.</param>
    public static AccessDecision WithAttendance(AccessDecision decision, bool ownerAttends) =>
        decision == AccessDecision.Allowed && !ownerAttends ? AccessDecision.Denied : decision;

    /// <summary>Only a teacher of the classroom ends it or kicks, mutes and unmutes its members.</summary>
    public static bool MayModerate(UserPrincipal actor, string classroomId) =>
        actor.Role == UserRole.Teacher && IsMember(actor, classroomId);

    private static bool IsMember(UserPrincipal principal, string classroomId) =>
        principal.Classrooms.Contains(classroomId, StringComparer.Ordinal);
}
