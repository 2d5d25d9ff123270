using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Tests.Protocol;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Transports;

/// <summary>The connect reply of an emulated connection names the session and node the SDK sends back with its commands.</summary>
public sealed class EmulatedConnectReplyTests
{
    [Fact]
    public void An_emulated_connect_reply_carries_session_and_node()
    {
        var result = new ConnectResult("c1", "1.0.0", Ping: 25, Pong: true, Expires: false, Ttl: 0, Node: "e42", default) { Session = "0123abcd" };

        JsonAssert.Same(
            """{"id":1,"connect":{"client":"c1","version":"1.0.0","ping":25,"pong":true,"node":"e42","session":"0123abcd"}}""",
            ProtocolWriter.Connect(1, result));
    }

    [Fact]
    public void A_websocket_connect_reply_has_no_session()
    {
        var result = new ConnectResult("c1", "1.0.0", Ping: 25, Pong: true, Expires: false, Ttl: 0, Node: "edge-a", default);

        JsonAssert.Same(
            """{"id":1,"connect":{"client":"c1","version":"1.0.0","ping":25,"pong":true,"node":"edge-a"}}""",
            ProtocolWriter.Connect(1, result));
    }
}
