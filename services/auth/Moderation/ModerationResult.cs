namespace Classroom.Micro.Auth.Moderation;

internal enum ModerationResult
{
    Applied,

    /// <summary>The actor is not a teacher of the classroom (PERMISSION_DENIED).</summary>
    Forbidden,
}
