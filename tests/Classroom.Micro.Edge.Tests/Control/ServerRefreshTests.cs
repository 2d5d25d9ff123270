using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Control;
using Classroom.Micro.Edge.Tests.Protocol;
using Classroom.Micro.Fanout.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Control;

/// <summary>
/// The server API's <c>refresh</c> as every edge applies it when the control command arrives from the fanout: the
/// matching connections' expiry moves, and an expired connection is closed with 3005 once the grace has passed.
/// </summary>
public sealed class ServerRefreshTests : IAsyncDisposable
{
    private const string Student = "student-1";
    private const string OtherStudent = "student-2";

    private static readonly DateTimeOffset Start = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset TokenExpiry = Start.AddHours(1);

    // No server pings while the fake clock jumps: a silent client would be closed with 3012 instead.
    private static readonly EdgeOptions Options = new() { NodeId = "edge-1", ExpiredCloseDelay = TimeSpan.FromSeconds(2), PingInterval = TimeSpan.FromDays(1) };

    private readonly FakeTimeProvider _time = new(Start);
    private readonly SessionDirectory _sessions = new();
    private readonly ControlCommandHandler _handler;
    private readonly List<LoopbackSession> _opened = [];

    public ServerRefreshTests()
    {
        _handler = new ControlCommandHandler(_sessions, new ServiceCollection().BuildServiceProvider(), _time);
    }

    private static TimeSpan Grace => Options.ExpiredCloseDelay;

    [Fact]
    public async Task Expired_closes_every_connection_of_the_user_with_3005_once_the_grace_has_passed_and_spares_other_users()
    {
        var first = await ConnectAsync(Student);
        var second = await ConnectAsync(Student);
        var other = await ConnectAsync(OtherStudent);

        Refresh(new RefreshClients { User = Student, Expired = true });

        Assert.Equal((Start, Start, TokenExpiry), (first.Session.ExpiresAt, second.Session.ExpiresAt, other.Session.ExpiresAt));
        _time.Advance(Grace - TimeSpan.FromMilliseconds(1));
        Assert.False(first.Session.IsClosed || second.Session.IsClosed, "an expired connection is given the grace to refresh its token");

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal((3005, 0), Summary(await first.ClosedAsync()));
        Assert.Equal((3005, 0), Summary(await second.ClosedAsync()));
        Assert.False(other.Session.IsClosed);
    }

    [Fact]
    public async Task Expire_at_replaces_the_tokens_expiry_and_the_client_is_told_its_new_ttl()
    {
        var session = await ConnectAsync(Student);

        Refresh(new RefreshClients { User = Student, ExpireAt = Start.AddSeconds(60).ToUnixTimeSeconds() });

        Assert.Equal(Start.AddSeconds(60), session.Session.ExpiresAt);
        JsonAssert.Same("""{"push":{"refresh":{"expires":true,"ttl":60}}}""", System.Text.Encoding.UTF8.GetBytes(await session.NextTextAsync()));
        _time.Advance(TimeSpan.FromSeconds(60) + Grace - TimeSpan.FromMilliseconds(1));
        Assert.False(session.Session.IsClosed);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal((3005, 0), Summary(await session.ClosedAsync()));
    }

    [Fact]
    public async Task A_connection_whose_token_never_expires_starts_expiring_at_expire_at()
    {
        var session = await ConnectAsync(Student, expiresAt: null);

        Refresh(new RefreshClients { User = Student, ExpireAt = Start.AddSeconds(30).ToUnixTimeSeconds() });

        Assert.Equal(Start.AddSeconds(30), session.Session.ExpiresAt);
        _time.Advance(TimeSpan.FromSeconds(30) + Grace);
        Assert.Equal((3005, 1), Summary(await session.ClosedAsync()));
    }

    [Fact]
    public async Task An_expire_at_already_past_expires_the_connection_without_a_refresh_push()
    {
        var session = await ConnectAsync(Student);

        Refresh(new RefreshClients { User = Student, ExpireAt = Start.AddMinutes(-1).ToUnixTimeSeconds() });
        _time.Advance(TimeSpan.Zero);

        Assert.Equal((3005, 0), Summary(await session.ClosedAsync()));
    }

    [Fact]
    public async Task A_client_id_limits_the_refresh_to_that_connection()
    {
        var refreshed = await ConnectAsync(Student);
        var untouched = await ConnectAsync(Student);

        Refresh(new RefreshClients { User = Student, Client = refreshed.Session.ClientId, Expired = true });
        _time.Advance(Grace);

        Assert.Equal((3005, 0), Summary(await refreshed.ClosedAsync()));
        Assert.Equal(TokenExpiry, untouched.Session.ExpiresAt);
        Assert.False(untouched.Session.IsClosed);
    }

    [Fact]
    public async Task A_refresh_with_neither_expired_nor_expire_at_stops_the_connection_expiring_as_in_centrifugo()
    {
        var session = await ConnectAsync(Student, Start.AddSeconds(10));

        Refresh(new RefreshClients { User = Student });

        Assert.Null(session.Session.ExpiresAt);
        JsonAssert.Same("""{"push":{"refresh":{}}}""", System.Text.Encoding.UTF8.GetBytes(await session.NextTextAsync()));
        _time.Advance(TimeSpan.FromHours(2));
        Assert.False(session.Session.IsClosed);
    }

    [Fact]
    public async Task A_token_refreshed_by_the_client_within_the_grace_keeps_a_connection_the_server_expired()
    {
        var session = await ConnectAsync(Student);

        Refresh(new RefreshClients { User = Student, Expired = true });
        _time.Advance(Grace / 2);
        // What the client's refresh command does with its new token (ConnectHandler.RefreshAsync).
        session.Session.ExpireAt(Start.AddHours(2));
        _time.Advance(Grace);

        Assert.False(session.Session.IsClosed);
        Assert.Equal(Start.AddHours(2), session.Session.ExpiresAt);
    }

    [Fact]
    public async Task An_expire_at_more_than_a_year_ahead_is_held_to_a_year()
    {
        var session = await ConnectAsync(Student);

        Refresh(new RefreshClients { User = Student, ExpireAt = long.MaxValue });

        Assert.Equal(Start.AddSeconds(ConnectionRefresh.MaxTtlSeconds), session.Session.ExpiresAt);
    }

    [Fact]
    public async Task A_refresh_naming_no_user_changes_nothing()
    {
        var session = await ConnectAsync(Student);

        Refresh(new RefreshClients { Expired = true });
        _time.Advance(Grace);

        Assert.Equal(TokenExpiry, session.Session.ExpiresAt);
        Assert.False(session.Session.IsClosed);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _opened)
        {
            await session.DisposeAsync();
        }
    }

    private async Task<LoopbackSession> ConnectAsync(string user) => await ConnectAsync(user, TokenExpiry);

    private async Task<LoopbackSession> ConnectAsync(string user, DateTimeOffset? expiresAt)
    {
        var session = await LoopbackSession.ConnectAsync(user, expiresAt, _sessions, Options, _time);
        _opened.Add(session);
        return session;
    }

    private void Refresh(RefreshClients refresh) => _handler.Handle(new ControlCommand { Refresh = refresh });

    /// <summary>The close code and how many pushes came before the close.</summary>
    private static (int Code, int Pushes) Summary((int Code, IReadOnlyList<string> Texts) closed) => (closed.Code, closed.Texts.Count);
}
