using System.Net;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Transports;

/// <summary>
/// HTTP-streaming and SSE (Centrifugo's bidirectional emulation) with the real centrifuge SDK across two gateways and
/// two edges (see <c>tests/e2e/transports.mjs</c>): the same delivery guarantee, recovery, history and presence as over
/// WebSocket, emulation requests reaching the edge holding the session from either gateway, and clear errors.
/// </summary>
public sealed class EmulatedTransportTests(TransportsFixture fixture) : IClassFixture<TransportsFixture>
{
    private const int Timeout = 240_000;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact(Timeout = Timeout)]
    public async Task Every_member_on_every_transport_receives_every_publication_once_in_one_order()
    {
        var (result, output) = await fixture.ScenarioAsync().WaitAsync(RunTimeout, TestContext.Current.CancellationToken);
        // The one order is the offsets': centrifuge-js may emit the publications of one event-loop tick interleaved
        // (README, Client protocol), so what the SDK surfaced is compared by offset, and the server's sending order
        // is checked on the pushes as they came down each stream.
        var reference = result.Members[0].Publications.ToDictionary(publication => publication.Offset, publication => publication.Key);

        Assert.Equal(result.Total, reference.Values.Distinct().Count());
        foreach (var member in result.Members)
        {
            var offsets = member.Publications.Select(publication => publication.Offset).Order().ToList();
            Assert.True(member.Publications.Count == result.Total, $"{member.Label} received {member.Publications.Count} of {result.Total}\n{output}");
            Assert.True(offsets.Zip(offsets.Skip(1)).All(pair => pair.Second == pair.First + 1), $"{member.Label} has a gap or a duplicate: {string.Join(',', offsets)}\n{output}");
            Assert.True(member.Publications.All(publication => reference.TryGetValue(publication.Offset, out var key) && key == publication.Key), $"{member.Label} saw another publication at some offset than {result.Members[0].Label}\n{output}");
            Assert.True(member.PushedOffsets.Count > 0 && member.PushedOffsets.Zip(member.PushedOffsets.Skip(1)).All(pair => pair.Second > pair.First), $"the server sent {member.Label} pushes out of offset order: {string.Join(',', member.PushedOffsets)}\n{output}");
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task Each_member_used_the_transport_it_was_given_and_a_blocked_websocket_falls_back_to_http_streaming()
    {
        var (result, output) = await fixture.ScenarioAsync().WaitAsync(RunTimeout, TestContext.Current.CancellationToken);
        var transports = result.Members.ToDictionary(member => member.Label, member => member.Transports.Count > 0 ? member.Transports[0] : null);

        Assert.True(transports["teacher"] == "http_stream" && transports["streamOnEdge0"] == "http_stream", output);
        Assert.True(transports["sseViaGateway"] == "sse" && transports["sseOnEdge1"] == "sse", output);
        Assert.True(transports["websocket"] == "websocket", output);
        Assert.True(transports["fallback"] == "http_stream", $"the SDK did not fall back from the failing WebSocket: {transports["fallback"]}\n{output}");
        Assert.All(result.Members.Where(member => member.Label != "websocket"), member => Assert.True(member.HasSession, $"{member.Label} got no emulation session\n{output}"));
    }

    [Fact(Timeout = Timeout)]
    public async Task A_connection_through_a_gateway_is_told_a_node_any_gateway_maps_to_its_edge_and_a_direct_one_the_edge_id()
    {
        var (result, output) = await fixture.ScenarioAsync().WaitAsync(RunTimeout, TestContext.Current.CancellationToken);
        var nodes = result.Members.ToDictionary(member => member.Label, member => member.Node);

        // Teacher and sseViaGateway went through different gateways with the same classroom: the same edge, the same node.
        Assert.True(nodes["teacher"] is { Length: > 0 } node && node == nodes["sseViaGateway"] && node.StartsWith('e') && !node.Contains("127.0.0.1", StringComparison.Ordinal), output);
        Assert.True(nodes["streamOnEdge0"] == "edge-0" && nodes["sseOnEdge1"] == "edge-1", output);
    }

    [Fact(Timeout = Timeout)]
    public async Task Members_that_drop_out_over_sse_and_http_streaming_come_back_recovered()
    {
        var (result, output) = await fixture.ScenarioAsync().WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        foreach (var label in new[] { "sseViaGateway", "streamOnEdge0" })
        {
            var member = result.Members.Single(member => member.Label == label);
            Assert.True(member.Recoveries.Count >= 1 && member.Recoveries[0].Recovered && member.Recoveries[0].WasRecovering, $"{label} resubscribed without recovery: {string.Join(',', member.Recoveries)}\n{output}");
            Assert.True(member.Publications.Count == result.Total, $"{label} has {member.Publications.Count} of {result.Total} after recovering\n{output}");
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task History_and_presence_work_over_emulation()
    {
        var (result, output) = await fixture.ScenarioAsync().WaitAsync(RunTimeout, TestContext.Current.CancellationToken);
        var firstTotal = result.Total - 10;

        Assert.True(result.History.Count == firstTotal, $"history over http_stream had {result.History.Count} of {firstTotal}\n{output}");
        Assert.True(result.Presence.Clients == result.Members.Count, $"presence over sse listed {result.Presence.Clients} of {result.Members.Count}\n{output}");
        Assert.True(result.PresenceStats.NumClients == result.Members.Count && result.PresenceStats.NumUsers == result.Members.Count, $"presence stats: {result.PresenceStats}\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task A_refused_token_over_sse_gets_the_terminal_disconnect_code_3500()
    {
        var (result, output) = await fixture.ScenarioAsync().WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        Assert.True(result.Refused is { Outcome: "disconnected", Code: 3500 }, $"expected a 3500 disconnect over sse: {result.Refused}\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Emulation_requests_for_an_unknown_session_or_node_get_404_problem_details()
    {
        var (result, output) = await fixture.ScenarioAsync().WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        AssertProblem(result.UnknownSession, "Unknown or expired session", output);
        AssertProblem(result.UnknownSessionOnEdge, "Unknown or expired session", output);
        AssertProblem(result.UnknownNode, "Unknown edge node", output);
    }

    [Theory(Timeout = Timeout)]
    [InlineData("POST", "/connection/http_stream")]
    [InlineData("GET", "/connection/sse?cf_connect=%7B%7D")]
    [InlineData("GET", "/connection/websocket")]
    [InlineData("POST", "/emulation")]
    public async Task A_foreign_origin_connecting_to_an_edge_directly_is_refused_with_403(string method, string path)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var edge in fixture.Cluster.EdgeUrls)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(edge, path));
            request.Headers.Add("Origin", "https://evil.example");
            if (method == "POST")
            {
                request.Content = new StringContent("{}");
            }

            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task The_edges_own_origin_and_the_gateways_forwarded_origin_pass_the_edge_check()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var edge = fixture.Cluster.EdgeUrls[0];

        using var own = new HttpRequestMessage(HttpMethod.Post, new Uri(edge, "/emulation")) { Content = new StringContent("{}") };
        own.Headers.Add("Origin", edge.GetLeftPart(UriPartial.Authority));
        using var ownResponse = await http.SendAsync(own, TestContext.Current.CancellationToken);

        // Through the gateway the page's origin is the gateway's; the edge judges it by the forwarded host.
        var gateway = fixture.Cluster.GatewayUrl;
        using var proxied = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, "/connection/http_stream")) { Content = new StringContent(string.Empty) };
        proxied.Headers.Add("Origin", gateway.GetLeftPart(UriPartial.Authority));
        using var proxiedResponse = await http.SendAsync(proxied, TestContext.Current.CancellationToken);

        // Past the origin check, both are refused for what they carry: a malformed emulation body, a missing connect command.
        Assert.Equal(HttpStatusCode.BadRequest, ownResponse.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, proxiedResponse.StatusCode);
    }

    private static void AssertProblem(ProblemObservation problem, string title, string output)
    {
        Assert.True(problem.Status == 404 && problem.ContentType?.StartsWith("application/problem+json", StringComparison.Ordinal) == true && problem.Title == title, $"expected 404 '{title}': {problem}\n{output}");
    }
}
