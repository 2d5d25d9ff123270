using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Tests.Control;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Connections;

/// <summary>
/// While a connect subscribes server-side, pushes of those channels are held and follow the connect reply: the SDK
/// only surfaces a server-side publication once the connect reply has named its channel.
/// </summary>
public sealed class HeldPushesTests
{
    private static readonly EdgeOptions Options = new() { NodeId = "edge-1", PingInterval = TimeSpan.FromDays(1), OutboundQueueCapacity = 4 };

    [Fact]
    public async Task Pushes_queued_while_held_are_written_after_the_message_that_releases_them_in_order()
    {
        await using var loopback = await LoopbackSession.ConnectAsync("u1", expiresAt: null, new SessionDirectory(), Options, new FakeTimeProvider());
        var session = loopback.Session;

        session.HoldPushes();
        Assert.True(session.TryEnqueue("""{"push":{"channel":"c","pub":{"offset":1}}}"""u8.ToArray()));
        Assert.True(session.TryEnqueue("""{"push":{"channel":"c","pub":{"offset":2}}}"""u8.ToArray()));
        Assert.Equal(0, session.QueueDepth);
        Assert.True(session.ReleaseHeld("""{"id":1,"connect":{}}"""u8.ToArray()));
        Assert.True(session.TryEnqueue("""{"push":{"channel":"c","pub":{"offset":3}}}"""u8.ToArray()));

        var lines = new List<string>();
        while (lines.Count < 4)
        {
            lines.AddRange((await loopback.NextTextAsync()).Split('\n'));
        }

        Assert.Equal(
            ["""{"id":1,"connect":{}}""", """{"push":{"channel":"c","pub":{"offset":1}}}""", """{"push":{"channel":"c","pub":{"offset":2}}}""", """{"push":{"channel":"c","pub":{"offset":3}}}"""],
            lines);
    }

    [Fact]
    public async Task More_held_pushes_than_the_queue_holds_close_the_connection_as_slow()
    {
        await using var loopback = await LoopbackSession.ConnectAsync("u1", expiresAt: null, new SessionDirectory(), Options, new FakeTimeProvider());
        var session = loopback.Session;

        session.HoldPushes();
        for (var i = 0; i < Options.OutboundQueueCapacity; i++)
        {
            Assert.True(session.TryEnqueue("{}"u8.ToArray()));
        }

        Assert.False(session.TryEnqueue("{}"u8.ToArray()));
        Assert.Equal(3008, (await loopback.ClosedAsync()).Code);
    }
}
