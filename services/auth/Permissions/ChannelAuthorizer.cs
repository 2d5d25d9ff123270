using Classroom.Micro.Auth.Identity;
using Classroom.Micro.Auth.Moderation;
using Classroom.Micro.Auth.Roster;

namespace Classroom.Micro.Auth.Permissions;

/// <summary>
/// Decides a channel action: the token's rules first (<see cref="ChannelPolicy.Decide"/>), then, only when they
/// allow it, the facts they depend on — moderation state for classroom channels, attendance for personal writes.
/// </summary>
internal sealed class ChannelAuthorizer(ModerationStore moderation, ClassroomRoster roster)
{
    public async Task<AccessDecision> DecideAsync(UserPrincipal principal, string channel, ChannelOperation operation, CancellationToken cancellation)
    {
        var decision = ChannelPolicy.Decide(principal, channel, operation);
        if (decision != AccessDecision.Allowed)
        {
            return decision;
        }

        if (ChannelNames.TryGetClassroomId(channel, out var classroomId))
        {
            var standing = await moderation.GetStandingAsync(classroomId, principal.UserId).WaitAsync(cancellation);
            return ChannelPolicy.WithStanding(decision, principal, operation, standing);
        }

        if (ChannelPolicy.NeedsAttendance(decision, channel, operation) && ChannelNames.TryGetPersonalOwner(channel, out var ownerId))
        {
            var attends = await roster.AttendsAnyAsync(ownerId, principal.Classrooms, cancellation);
            return ChannelPolicy.WithAttendance(decision, attends);
        }

        return decision;
    }
}
