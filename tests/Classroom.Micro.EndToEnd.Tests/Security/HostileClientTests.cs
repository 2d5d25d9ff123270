using System.Net;
using System.Net.WebSockets;
using Classroom.Micro.EndToEnd.Tests.Hosting;
using Classroom.Micro.Fanout.V1;
using Classroom.Micro.Registry.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Security;

/// <summary>Issue #10 against the real cluster: hostile pods, hostile pages, hostile students.</summary>
[Collection(SharedCluster.Name)]
public sealed class HostileClientTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task A_pod_without_the_internal_key_is_refused_by_registry_fanout_and_auth()
    {
        var urls = fixture.Cluster.InternalGrpcUrls;
        using var registry = GrpcChannel.ForAddress(urls["registry"]);
        using var fanout = GrpcChannel.ForAddress(urls["fanout-0"]);
        using var auth = GrpcChannel.ForAddress(urls["auth"]);

        var leases = await Assert.ThrowsAsync<RpcException>(() => new RegistryService.RegistryServiceClient(registry).ListEdgeLeasesAsync(new ListEdgeLeasesRequest(), cancellationToken: Cancellation).ResponseAsync.WaitAsync(Timeout, Cancellation));
        var erase = await Assert.ThrowsAsync<RpcException>(() => new FanoutService.FanoutServiceClient(fanout).RemoveHistoryAsync(new RemoveHistoryRequest { Channel = "classroom:any" }, cancellationToken: Cancellation).ResponseAsync.WaitAsync(Timeout, Cancellation));
        var moderate = await Assert.ThrowsAsync<RpcException>(() => new Auth.V1.AuthService.AuthServiceClient(auth).ModerateAsync(
            new Auth.V1.ModerateRequest { Action = Auth.V1.ModerationAction.End, ClassroomId = "42", Actor = new Auth.V1.Principal { UserId = "t", Role = "teacher", Classrooms = { "42" } } },
            cancellationToken: Cancellation).ResponseAsync.WaitAsync(Timeout, Cancellation));

        Assert.Equal([StatusCode.Unauthenticated, StatusCode.Unauthenticated, StatusCode.Unauthenticated], new[] { leases.StatusCode, erase.StatusCode, moderate.StatusCode });
        // The cluster's own client carries the key and is answered.
        Assert.NotNull(await fixture.Cluster.Registry.ListEdgeLeasesAsync(new ListEdgeLeasesRequest(), cancellationToken: Cancellation).ResponseAsync.WaitAsync(Timeout, Cancellation));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("https://evil.example")]
    [InlineData("http://127.0.0.1.evil.example")]
    public async Task A_websocket_from_a_foreign_origin_is_refused_with_403_at_the_gateway(string origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", origin);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri($"ws://{fixture.Cluster.GatewayUrl.Authority}/connection/websocket"), Cancellation).WaitAsync(Timeout, Cancellation));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_student_whose_token_info_claims_teacher_shows_as_a_student()
    {
        var classroom = "sec-" + Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = RawClient.Token(fixture.Cluster.Hs256Secret, new
        {
            sub = "impostor",
            name = "Sam",
            role = "student",
            classrooms = new[] { classroom },
            info = new { role = "teacher", name = "Ms Lee", seat = 7 },
            iat = now - 10,
            exp = now + 600,
        });
        await using var client = await RawClient.ConnectAsync(fixture.Cluster.GatewayUrl, classroom, Cancellation);

        await client.SendAsync(
        [
            $$$"""{"id":1,"connect":{"token":"{{{token}}}"}}""",
            $$$"""{"id":2,"subscribe":{"channel":"classroom:{{{classroom}}}"}}""",
            $$$"""{"id":3,"presence":{"channel":"classroom:{{{classroom}}}"}}""",
        ], Cancellation);

        var presence = await client.ReplyAsync(3, Cancellation);
        var info = presence.GetProperty("presence").GetProperty("presence").EnumerateObject().Single().Value.GetProperty("conn_info");
        Assert.Equal(("student", "Sam", 7), (info.GetProperty("role").GetString(), info.GetProperty("name").GetString(), info.GetProperty("seat").GetInt32()));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_token_without_exp_is_refused()
    {
        var token = RawClient.Token(fixture.Cluster.Hs256Secret, new { sub = "forever", role = "student", classrooms = new[] { "x" }, iat = DateTimeOffset.UtcNow.ToUnixTimeSeconds() });
        await using var client = await RawClient.ConnectAsync(fixture.Cluster.GatewayUrl, "x", Cancellation);

        await client.SendAsync([$$$"""{"id":1,"connect":{"token":"{{{token}}}"}}"""], Cancellation);

        Assert.Null(await client.NextAsync(Cancellation));
        Assert.Equal(3500, (int?)client.CloseStatus);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_invented_30_kb_channel_name_is_refused_with_107()
    {
        var classroom = "long-" + Guid.NewGuid().ToString("N")[..8];
        var token = await fixture.Cluster.MintTokenAsync("inventor", "Ivy", "student", [classroom], Cancellation).WaitAsync(Timeout, Cancellation);
        await using var client = await RawClient.ConnectAsync(fixture.Cluster.GatewayUrl, classroom, Cancellation);

        await client.SendAsync(
        [
            $$$"""{"id":1,"connect":{"token":"{{{token}}}"}}""",
            $$$"""{"id":2,"presence":{"channel":"invented:{{{new string('x', 30 * 1024)}}}"}}""",
        ], Cancellation);

        var reply = await client.ReplyAsync(2, Cancellation);
        Assert.Equal(107, reply.GetProperty("error").GetProperty("code").GetInt32());
    }
}
