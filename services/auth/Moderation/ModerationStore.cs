using System.Globalization;
using StackExchange.Redis;

namespace Classroom.Micro.Auth.Moderation;

/// <summary>Mutes and kicks in Redis, so every auth replica answers the same and the state outlives any edge.</summary>
internal sealed class ModerationStore(IConnectionMultiplexer redis, ModerationKeys keys, ModerationMetrics metrics, TimeProvider time)
{
    public Task MuteAsync(string classroomId, string userId) =>
        MeasuredAsync("mute", database => database.SetAddAsync(keys.Muted(classroomId), userId));

    public Task UnmuteAsync(string classroomId, string userId) =>
        MeasuredAsync("unmute", database => database.SetRemoveAsync(keys.Muted(classroomId), userId));

    public Task KickAsync(string classroomId, string userId, long atUnix) =>
        MeasuredAsync("kick", database => database.HashSetAsync(keys.Kicked(classroomId), userId, atUnix));

    /// <summary>Reads both facts in one round trip (the commands are pipelined).</summary>
    public Task<ClassroomStanding> GetStandingAsync(string classroomId, string userId) =>
        MeasuredAsync("standing", async database =>
        {
            var muted = database.SetContainsAsync(keys.Muted(classroomId), userId);
            var kicked = database.HashGetAsync(keys.Kicked(classroomId), userId);
            await Task.WhenAll(muted, kicked);

            long? kickedAt = kicked.Result.IsNull ? null : long.Parse(kicked.Result.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            return muted.Result || kickedAt is not null ? new ClassroomStanding(muted.Result, kickedAt) : ClassroomStanding.Clear;
        });

    private async Task<T> MeasuredAsync<T>(string operation, Func<IDatabase, Task<T>> roundTrip)
    {
        var started = time.GetTimestamp();
        try
        {
            return await roundTrip(redis.GetDatabase());
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            metrics.RedisFailed(operation);
            throw;
        }
        finally
        {
            metrics.RedisTook(operation, time.GetElapsedTime(started));
        }
    }
}
