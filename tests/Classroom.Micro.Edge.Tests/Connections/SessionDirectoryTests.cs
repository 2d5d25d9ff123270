using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Tests.Control;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Connections;

/// <summary>The per-user and per-address connection counts behind <c>Edge:Connections:MaxPerUser|MaxPerAddress</c>.</summary>
public sealed class SessionDirectoryTests : IAsyncDisposable
{
    private static readonly EdgeOptions Options = new() { NodeId = "edge-1", PingInterval = TimeSpan.FromDays(1) };

    private readonly FakeTimeProvider _time = new();
    private readonly SessionDirectory _opened = new();
    private readonly List<LoopbackSession> _sessions = [];

    [Fact]
    public async Task A_user_past_its_connection_limit_is_refused_until_one_of_its_connections_goes()
    {
        var directory = new SessionDirectory();
        var first = await OpenAsync("u1", "10.0.0.1");
        var second = await OpenAsync("u1", "10.0.0.2");
        var third = await OpenAsync("u1", "10.0.0.3");
        var otherUser = await OpenAsync("u2", "10.0.0.1");

        Assert.Equal(ConnectionLimit.None, directory.TryAdd(first, maxPerUser: 2, maxPerAddress: 100));
        Assert.Equal(ConnectionLimit.None, directory.TryAdd(second, maxPerUser: 2, maxPerAddress: 100));
        Assert.Equal(ConnectionLimit.PerUser, directory.TryAdd(third, maxPerUser: 2, maxPerAddress: 100));
        Assert.Equal(ConnectionLimit.None, directory.TryAdd(otherUser, maxPerUser: 2, maxPerAddress: 100));

        directory.Remove(first);
        Assert.Equal(ConnectionLimit.None, directory.TryAdd(third, maxPerUser: 2, maxPerAddress: 100));
        Assert.Equal(3, directory.Count);
    }

    [Fact]
    public async Task An_address_past_its_connection_limit_is_refused_whoever_connects_from_it()
    {
        var directory = new SessionDirectory();
        var first = await OpenAsync("u1", "192.0.2.7");
        var second = await OpenAsync("u2", "192.0.2.7");
        var elsewhere = await OpenAsync("u3", "192.0.2.8");

        Assert.Equal(ConnectionLimit.None, directory.TryAdd(first, maxPerUser: 100, maxPerAddress: 1));
        Assert.Equal(ConnectionLimit.PerAddress, directory.TryAdd(second, maxPerUser: 100, maxPerAddress: 1));
        Assert.Equal(ConnectionLimit.None, directory.TryAdd(elsewhere, maxPerUser: 100, maxPerAddress: 1));

        directory.Remove(second);
        directory.Remove(first);
        Assert.Equal(ConnectionLimit.None, directory.TryAdd(second, maxPerUser: 100, maxPerAddress: 1));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions)
        {
            await session.DisposeAsync();
        }
    }

    private async Task<ClientSession> OpenAsync(string user, string address)
    {
        var session = await LoopbackSession.ConnectAsync(user, expiresAt: null, _opened, Options, _time);
        _sessions.Add(session);
        session.Session.RemoteAddress = address;
        return session.Session;
    }
}
