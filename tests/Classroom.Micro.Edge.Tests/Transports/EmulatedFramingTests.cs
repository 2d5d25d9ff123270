using System.Text;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Transports;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Transports;

/// <summary>
/// The emulated transports' framing as centrifuge-js reads it: HTTP-streaming one message per line, SSE one event per
/// frame with a <c>data:</c> line per message; the disconnect code goes as a push before the stream ends.
/// </summary>
public sealed class EmulatedFramingTests
{
    private static readonly byte[] TwoMessages = Encoding.UTF8.GetBytes("{\"id\":1,\"connect\":{}}\n{\"push\":{\"channel\":\"c\",\"pub\":{\"data\":{}}}}");

    [Fact]
    public async Task Http_streaming_writes_each_message_on_its_own_line()
    {
        var (context, body) = Context();
        var transport = new HttpStreamTransport(context, [], "s1", node: null);

        await transport.SendAsync(TwoMessages);
        await transport.SendAsync("{}"u8.ToArray());

        Assert.Equal("{\"id\":1,\"connect\":{}}\n{\"push\":{\"channel\":\"c\",\"pub\":{\"data\":{}}}}\n{}\n", Written(body));
    }

    [Fact]
    public async Task Sse_writes_one_event_per_frame_with_a_data_line_per_message()
    {
        var (context, body) = Context();
        var transport = new SseTransport(context, [], "s1", node: null);

        await transport.SendAsync(TwoMessages);
        await transport.SendAsync("{}"u8.ToArray());

        Assert.Equal("data: {\"id\":1,\"connect\":{}}\ndata: {\"push\":{\"channel\":\"c\",\"pub\":{\"data\":{}}}}\n\ndata: {}\n\n", Written(body));
    }

    [Theory]
    [InlineData(3008, "slow")]
    [InlineData(3500, "invalid token")]
    public async Task Closing_sends_the_disconnect_code_as_a_push_before_the_stream_ends(int code, string reason)
    {
        var (context, body) = Context();
        var transport = new HttpStreamTransport(context, [], "s1", node: null);

        await transport.CloseAsync(new DisconnectReason(code, reason), TestContext.Current.CancellationToken);

        var line = Written(body);
        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetString(ProtocolWriter.DisconnectPush(new DisconnectReason(code, reason))) + "\n", line);
    }

    [Fact]
    public async Task Commands_for_a_stream_whose_session_has_not_started_are_refused_as_closed()
    {
        var (context, _) = Context();
        var transport = new SseTransport(context, [], "s1", node: null);

        Assert.Equal(EmulationOutcome.Closed, await transport.DeliverAsync("{}"u8.ToArray()));
    }

    [Fact]
    public async Task After_the_request_ended_the_transport_writes_nothing_more()
    {
        var (context, body) = Context();
        var transport = new HttpStreamTransport(context, [], "s1", node: null);
        transport.Detach();

        await Assert.ThrowsAsync<IOException>(async () => await transport.SendAsync("{}"u8.ToArray()));
        await transport.CloseAsync(new DisconnectReason(3001, "shutdown"), TestContext.Current.CancellationToken);
        transport.Abort();

        Assert.Equal(0, body.Length);
    }

    [Fact]
    public void The_transport_names_its_session_and_the_gateways_node()
    {
        var (context, _) = Context();
        var transport = new HttpStreamTransport(context, [], "0123abcd", node: "e42");

        Assert.Equal("http_stream", transport.Name);
        Assert.Equal("0123abcd", transport.Session);
        Assert.Equal("e42", transport.Node);
    }

    [Fact]
    public void Session_ids_are_random_128_bit_hex()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => EmulationSessions.NewId()).ToHashSet();

        Assert.Equal(100, ids.Count);
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
    }

    private static (HttpContext Context, MemoryStream Body) Context()
    {
        var body = new MemoryStream();
        var context = new DefaultHttpContext();
        context.Response.Body = body;
        return (context, body);
    }

    private static string Written(MemoryStream body) => Encoding.UTF8.GetString(body.ToArray());
}
