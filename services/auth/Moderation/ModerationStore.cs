using System.Globalization;
using StackExchange.Redis;

namespace Classroom.Micro.Auth.Moderation;

/// <summary>Mutes and kicks in Redis, so every auth replica answers the same and the state outlives any edge.</summary>
internal sealed class ModerationStore(IConnectionMultiplexer redis, ModerationKeys keys)
{
    public Task MuteAsync(string classroomId, string userId) => redis.GetDatabase().SetAddAsync(keys.Muted(classroomId), userId);

    public Task UnmuteAsync(string classroomId, string userId) => redis.GetDatabase().SetRemoveAsync(keys.Muted(classroomId), userId);

    public Task KickAsync(string classroomId, string userId, long atUnix) =>
        redis.GetDatabase().HashSetAsync(keys.Kicked(classroomId), userId, atUnix);

    /// <summary>Reads both facts in one round trip (the commands are pipelined).</summary>
    public async Task<ClassroomStanding> GetStandingAsync(string classroomId, string userId)
    {
        var database = redis.GetDatabase();
        var muted = database.SetContainsAsync(keys.Muted(classroomId), userId);
        var kicked = database.HashGetAsync(keys.Kicked(classroomId), userId);
        await Task.WhenAll(muted, kicked);

        long? kickedAt = kicked.Result.IsNull ? null : long.Parse(kicked.Result.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture);
        return muted.Result || kickedAt is not null ? new ClassroomStanding(muted.Result, kickedAt) : ClassroomStanding.Clear;
    }
}
