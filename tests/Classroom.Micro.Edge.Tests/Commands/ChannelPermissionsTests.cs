using Classroom.Micro.Auth.V1;
using Classroom.Micro.Edge.Commands;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Tests.Control;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Commands;

/// <summary>Channel names are checked before auth is asked, and only allowed answers are kept, within a bound.</summary>
public sealed class ChannelPermissionsTests : IAsyncLifetime
{
    private readonly CountingAuth _auth = new();
    private LoopbackSession _session = null!;

    public async ValueTask InitializeAsync() =>
        _session = await LoopbackSession.ConnectAsync("s1", null, new SessionDirectory(), new EdgeOptions { NodeId = "edge-1", PingInterval = TimeSpan.FromDays(1) }, TimeProvider.System);

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task A_channel_name_longer_than_the_limit_is_refused_with_107_without_asking_auth()
    {
        var permissions = Permissions(new CommandOptions { MaxChannelLength = 255 });

        var error = await permissions.CheckAsync(_session.Session, "classroom:" + new string('x', 30 * 1024), ChannelAction.Presence, TestContext.Current.CancellationToken);

        Assert.Equal(ClientErrors.BadRequest, error);
        Assert.Equal(0, _auth.Questions);
        Assert.Equal(0, _session.Session.RememberedPermissions);
    }

    [Theory]
    [InlineData("classroom:4 2")]
    [InlineData("classroom:42\n")]
    [InlineData("classroom:\u0000")]
    [InlineData("classroom:é")]
    [InlineData("")]
    public async Task A_channel_name_outside_printable_ascii_is_refused_with_107_without_asking_auth(string channel)
    {
        var error = await Permissions(new CommandOptions()).CheckAsync(_session.Session, channel, ChannelAction.Subscribe, TestContext.Current.CancellationToken);

        Assert.Equal(ClientErrors.BadRequest, error);
        Assert.Equal(0, _auth.Questions);
    }

    [Fact]
    public async Task A_name_at_the_limit_is_asked_of_auth()
    {
        var permissions = Permissions(new CommandOptions { MaxChannelLength = 20 });

        Assert.Null(await permissions.CheckAsync(_session.Session, "classroom:0123456789", ChannelAction.Subscribe, TestContext.Current.CancellationToken));
        Assert.Equal(1, _auth.Questions);
    }

    [Theory]
    [InlineData(ChannelDecision.UnknownChannel)]
    [InlineData(ChannelDecision.Denied)]
    public async Task Refusals_are_not_cached(ChannelDecision decision)
    {
        _auth.Decision = decision;
        var permissions = Permissions(new CommandOptions());

        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(await permissions.CheckAsync(_session.Session, "invented:" + i, ChannelAction.Presence, TestContext.Current.CancellationToken));
        }

        Assert.Equal(0, _session.Session.RememberedPermissions);
        Assert.Equal(3, _auth.Questions);
    }

    [Fact]
    public async Task Allowed_answers_are_cached_within_the_cache_size()
    {
        var permissions = Permissions(new CommandOptions { PermissionCacheSize = 4 });

        for (var i = 0; i < 10; i++)
        {
            Assert.Null(await permissions.CheckAsync(_session.Session, "classroom:" + i, ChannelAction.Subscribe, TestContext.Current.CancellationToken));
        }

        Assert.Null(await permissions.CheckAsync(_session.Session, "classroom:9", ChannelAction.Subscribe, TestContext.Current.CancellationToken));
        Assert.Equal(4, _session.Session.RememberedPermissions);
        Assert.Equal(10, _auth.Questions);
    }

    [Fact]
    public async Task An_allowed_answer_auth_marks_not_cacheable_is_asked_again_each_time()
    {
        _auth.Cacheable = false;
        var permissions = Permissions(new CommandOptions());

        for (var i = 0; i < 3; i++)
        {
            // Not a channel the edge would guess at: whether to keep the answer is auth's to say, for any channel.
            Assert.Null(await permissions.CheckAsync(_session.Session, "classroom:1", ChannelAction.Subscribe, TestContext.Current.CancellationToken));
        }

        Assert.Equal(0, _session.Session.RememberedPermissions);
        Assert.Equal(3, _auth.Questions);
    }

    [Fact]
    public async Task A_question_to_auth_carries_the_upstream_deadline()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        var options = Options.Create(new CommandOptions { UpstreamTimeout = TimeSpan.FromSeconds(3) });
        var permissions = new ChannelPermissions(_auth, options, new UpstreamDeadline(options, time));

        await permissions.CheckAsync(_session.Session, "classroom:1", ChannelAction.Subscribe, TestContext.Current.CancellationToken);

        Assert.Equal(time.GetUtcNow().UtcDateTime.AddSeconds(3), _auth.Deadline);
    }

    private ChannelPermissions Permissions(CommandOptions options)
    {
        var wrapped = Options.Create(options);
        return new(_auth, wrapped, new UpstreamDeadline(wrapped, TimeProvider.System));
    }
}
