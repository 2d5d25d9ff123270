using StackExchange.Redis;

namespace Classroom.Micro.Auth.Moderation;

/// <summary>
/// Every Redis key of moderation state, built in one place. A classroom's keys share the hash tag
/// <c>{classroom:&lt;id&gt;}</c> (the registry's tag for the classroom channel), so they live in one cluster slot.
/// </summary>
internal sealed class ModerationKeys(string prefix)
{
    /// <summary>Set: user ids muted in the classroom.</summary>
    public RedisKey Muted(string classroomId) => Key(classroomId, "muted");

    /// <summary>Hash: user id → Unix seconds of the user's last kick from the classroom.</summary>
    public RedisKey Kicked(string classroomId) => Key(classroomId, "kicked");

    private RedisKey Key(string classroomId, string suffix) => $"{prefix}{{classroom:{classroomId}}}:{suffix}";
}
