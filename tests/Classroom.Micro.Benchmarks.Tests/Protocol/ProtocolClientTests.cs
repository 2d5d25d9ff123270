using System.Net;
using System.Net.WebSockets;
using System.Text;
using Classroom.Micro.Benchmarks.Protocol;
using Classroom.Micro.Testing;
using Xunit;

namespace Classroom.Micro.Benchmarks.Tests.Protocol;

/// <summary>A benchmark client whose server sends what it cannot handle reports its connection lost, and why.</summary>
public sealed class ProtocolClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_frame_that_is_not_json_ends_the_connection_as_lost_with_the_reason()
    {
        await using var server = ServerSendingAfterConnect("""{"push":{"channel":""");
        await using var client = await ConnectAsync(server, onPublication: null);

        await Eventually.HoldsAsync(() => client.WasLost, Timeout, "the client reports its connection lost");

        Assert.Contains("not the protocol's JSON", client.LostReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_publication_handler_that_throws_ends_the_connection_as_lost_with_the_reason()
    {
        await using var server = ServerSendingAfterConnect("""{"push":{"channel":"classroom:1","pub":{"data":{"n":1},"offset":1}}}""");
        await using var client = await ConnectAsync(server, onPublication: _ => throw new InvalidOperationException("the ledger refused it"));

        await Eventually.HoldsAsync(() => client.WasLost, Timeout, "the client reports its connection lost");

        Assert.Contains("the ledger refused it", client.LostReason, StringComparison.Ordinal);
    }

    private static async Task<ProtocolClient> ConnectAsync(LoopbackHttpServer server, Action<PublicationPush>? onPublication)
    {
        var cancellation = TestContext.Current.CancellationToken;
        return await ProtocolClient.ConnectAsync(server.Address, "token", onPublication, cancellation).WaitAsync(Timeout, cancellation);
    }

    /// <summary>A server that accepts the connect command, then sends <paramref name="frame"/> and waits for the client to go.</summary>
    private static LoopbackHttpServer ServerSendingAfterConnect(string frame) => LoopbackHttpServer.Start(async (context, stopping) =>
    {
        if (!context.Request.IsWebSocketRequest)
        {
            context.Response.StatusCode = (int)HttpStatusCode.NotFound;
            context.Response.Close();
            return;
        }

        using var socket = (await context.AcceptWebSocketAsync(subProtocol: null)).WebSocket;
        var buffer = new byte[4096];
        try
        {
            // The connect command is the client's first and has id 1.
            await socket.ReceiveAsync(buffer, stopping);
            await socket.SendAsync(Encoding.UTF8.GetBytes("""{"id":1,"connect":{"client":"c-1"}}"""), WebSocketMessageType.Text, endOfMessage: true, stopping);
            await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, endOfMessage: true, stopping);
            while ((await socket.ReceiveAsync(buffer, stopping)).MessageType != WebSocketMessageType.Close)
            {
            }
        }
        catch (Exception gone) when (gone is WebSocketException or OperationCanceledException)
        {
            // The client dropped the connection, or the test is over.
        }
    });
}
