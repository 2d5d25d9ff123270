using Classroom.Micro.Auth.Moderation;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Classroom.Micro.Testing;
using Xunit;

namespace Classroom.Micro.Auth.Tests;

public sealed class ModerationStoreTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private readonly string _prefix = RedisServer.UniquePrefix();
    private readonly ServiceTelemetry _telemetry = new($"Classroom.Micro.Auth.Tests.{Guid.NewGuid():N}");

    private ModerationStore Store => new(redis.Connection, new ModerationKeys(_prefix), new ModerationMetrics(_telemetry), TimeProvider.System);

    [Fact]
    public async Task Member_nobody_moderated_is_in_clear_standing()
    {
        Assert.Equal(ClassroomStanding.Clear, await Store.GetStandingAsync("42", "s1").WithTimeout());
    }

    [Fact]
    public async Task Mute_holds_until_unmute()
    {
        var store = Store;

        await store.MuteAsync("42", "s1").WithTimeout();
        var muted = await store.GetStandingAsync("42", "s1").WithTimeout();
        await store.UnmuteAsync("42", "s1").WithTimeout();
        var unmuted = await store.GetStandingAsync("42", "s1").WithTimeout();

        Assert.True(muted.Muted);
        Assert.False(unmuted.Muted);
    }

    [Fact]
    public async Task Kick_records_its_time_and_a_later_kick_replaces_it()
    {
        var store = Store;

        await store.KickAsync("42", "s1", 1_000).WithTimeout();
        var first = await store.GetStandingAsync("42", "s1").WithTimeout();
        await store.KickAsync("42", "s1", 2_000).WithTimeout();
        var second = await store.GetStandingAsync("42", "s1").WithTimeout();

        Assert.Equal(1_000, first.KickedAtUnix);
        Assert.Equal(2_000, second.KickedAtUnix);
        Assert.False(second.Muted);
    }

    [Fact]
    public async Task Standing_is_per_classroom_and_per_user()
    {
        var store = Store;

        await store.MuteAsync("42", "s1").WithTimeout();
        await store.KickAsync("42", "s1", 1_000).WithTimeout();

        Assert.Equal(ClassroomStanding.Clear, await store.GetStandingAsync("43", "s1").WithTimeout());
        Assert.Equal(ClassroomStanding.Clear, await store.GetStandingAsync("42", "s2").WithTimeout());
    }

    [Fact]
    public async Task Keys_of_a_classroom_share_its_hash_tag_under_the_prefix()
    {
        var keys = new ModerationKeys("cm:");

        Assert.Equal("cm:{classroom:42}:muted", keys.Muted("42").ToString());
        Assert.Equal("cm:{classroom:42}:kicked", keys.Kicked("42").ToString());

        await Store.MuteAsync("42", "s1").WithTimeout();
        Assert.True(await redis.Connection.GetDatabase().KeyExistsAsync(_prefix + "{classroom:42}:muted").WithTimeout());
    }

    public void Dispose() => _telemetry.Dispose();
}
