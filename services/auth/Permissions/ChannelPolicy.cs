using Classroom.Micro.Auth.Identity;

namespace Classroom.Micro.Auth.Permissions;

/// <summary>
/// Every channel permission rule, in one place:
/// <c>classroom:&lt;id&gt;</c> is open to the classroom's members for every action;
/// <c>personal:#&lt;userId&gt;</c> is read by its owner and written by teachers; nothing else exists.
/// </summary>
internal static class ChannelPolicy
{
    private const string ClassroomNamespace = "classroom:";
    private const string PersonalNamespace = "personal:#";

    public static AccessDecision Decide(UserPrincipal principal, string channel, ChannelOperation operation)
    {
        if (channel.StartsWith(ClassroomNamespace, StringComparison.Ordinal))
        {
            var classroomId = channel[ClassroomNamespace.Length..];
            if (!ClassroomId.IsValid(classroomId))
            {
                return AccessDecision.UnknownChannel;
            }

            return principal.Classrooms.Contains(classroomId, StringComparer.Ordinal) ? AccessDecision.Allowed : AccessDecision.Denied;
        }

        if (channel.StartsWith(PersonalNamespace, StringComparison.Ordinal))
        {
            var ownerId = channel[PersonalNamespace.Length..];
            if (ownerId.Length == 0)
            {
                return AccessDecision.UnknownChannel;
            }

            var allowed = operation switch
            {
                ChannelOperation.Subscribe or ChannelOperation.History => ownerId == principal.UserId,
                ChannelOperation.Publish => MayWriteTo(principal, ownerId),
                // Presence on a personal channel would tell anyone when its owner is online.
                _ => false,
            };
            return allowed ? AccessDecision.Allowed : AccessDecision.Denied;
        }

        return AccessDecision.UnknownChannel;
    }

    // Any teacher for now. Narrowing this to "a student of a classroom the teacher teaches" needs the
    // recipient's memberships, which the sender's token does not carry: a roster lookup goes here.
    private static bool MayWriteTo(UserPrincipal sender, string recipientId) =>
        sender.Role == UserRole.Teacher;
}
