using Classroom.Micro.Auth.Identity;
using Classroom.Micro.Auth.Permissions;

namespace Classroom.Micro.Auth.Moderation;

/// <summary>
/// Applies a teacher's moderation: checks the actor may moderate the classroom and records what must last.
/// Disconnecting the affected connections is the calling edge's job; this only makes later decisions reflect it.
/// </summary>
internal sealed class Moderator(ModerationStore store, TimeProvider time, ILogger<Moderator> logger)
{
    /// <summary>Applies <paramref name="action"/> when <paramref name="actor"/> teaches <paramref name="classroomId"/>.</summary>
    /// <param name="actor">Who asks.</param>
    /// <param name="classroomId">A valid classroom id.</param>
    /// <param name="action">What to do.</param>
    /// <param name="targetUserId">The member acted on; ignored for <see cref="ClassroomAction.End"/>.</param>
    public async Task<ModerationResult> ApplyAsync(UserPrincipal actor, string classroomId, ClassroomAction action, string targetUserId)
    {
        if (!ChannelPolicy.MayModerate(actor, classroomId))
        {
            ModerationLog.Refused(logger, actor.UserId, classroomId, action);
            return ModerationResult.Forbidden;
        }

        switch (action)
        {
            case ClassroomAction.Kick:
                await store.KickAsync(classroomId, targetUserId, time.GetUtcNow().ToUnixTimeSeconds());
                break;
            case ClassroomAction.Mute:
                await store.MuteAsync(classroomId, targetUserId);
                break;
            case ClassroomAction.Unmute:
                await store.UnmuteAsync(classroomId, targetUserId);
                break;
            case ClassroomAction.End:
                // Ending lasts only as long as the disconnects it causes: members may join the next class.
                break;
        }

        ModerationLog.Applied(logger, actor.UserId, classroomId, action, targetUserId);
        return ModerationResult.Applied;
    }
}
