using System.Text.Json;
using Classroom.Micro.EndToEnd.Tests.Hosting;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.ServerApi;

/// <summary>
/// The school's backend drives a classroom through the gateway's <c>/api</c> with the real npm client cent.js, while the
/// members listen through the real centrifuge SDK on both edges (see <c>tests/e2e/server-api.mjs</c>).
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class ServerApiTests(ClusterFixture fixture, ServerApiRun run) : IClassFixture<ServerApiRun>
{
    private const int Timeout = 240_000;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    // The shared cluster's Edge__ExpiredCloseDelay.
    private static readonly TimeSpan ExpiredCloseDelay = TimeSpan.FromSeconds(2);

    // What the control command's trip through the fanout, the close frame and the scenario's polling may add.
    private static readonly TimeSpan CloseSlack = TimeSpan.FromSeconds(3);

    private static readonly string[] ListeningMembers = ["teacher", "student0", "student1", "removed0", "removed1"];

    [Fact(Timeout = Timeout)]
    public async Task A_cent_js_publish_reaches_every_member_on_both_edges_exactly_once()
    {
        var (result, output) = await RunAsync();

        Assert.True(result.Published.Ok, $"publish failed: {result.Published.Error}\n{output}");
        Assert.True(result.DeliveryError is null, $"{result.DeliveryError}\n{output}");
        Assert.Equal(ListeningMembers.Order(), result.Deliveries.Select(member => member.Label).Order());
        foreach (var member in result.Deliveries)
        {
            Assert.True(member.Notices == 1 && member.Markers == 1, $"{member.Label} received the notice {member.Notices} times and the marker {member.Markers} times.\n{output}");
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task Publishing_twice_with_one_idempotency_key_delivers_once_and_answers_the_same_offset()
    {
        var (result, output) = await RunAsync();

        var first = result.IdempotentFirst.Value();
        var second = result.IdempotentSecond.Value();
        Assert.True(
            first.GetProperty("offset").GetUInt64() == second.GetProperty("offset").GetUInt64() && first.GetProperty("epoch").GetString() == second.GetProperty("epoch").GetString(),
            $"the repeated publish answered {second}, the first {first}.\n{output}");
        Assert.All(result.Deliveries, member => Assert.True(member.Once == 1, $"{member.Label} received the idempotent publication {member.Once} times.\n{output}"));
    }

    [Fact(Timeout = Timeout)]
    public async Task Server_publications_carry_no_publisher_identity()
    {
        var (result, output) = await RunAsync();

        Assert.All(result.Deliveries, member => Assert.True(member.WithPublisher == 0, $"{member.Label} saw publisher info on {member.WithPublisher} server publications.\n{output}"));
    }

    [Fact(Timeout = Timeout)]
    public async Task Presence_and_presence_stats_see_every_connected_member()
    {
        var (result, output) = await RunAsync();

        var presence = result.Presence.Value().GetProperty("presence");
        var listed = presence.EnumerateObject().ToDictionary(entry => entry.Name, entry => entry.Value.GetProperty("user").GetString());
        foreach (var label in ListeningMembers)
        {
            var client = result.Clients[label];
            Assert.True(listed.TryGetValue(client, out var user) && user == result.Users[label], $"presence lacks {label} ({client}).\n{output}");
            Assert.Equal(client, presence.GetProperty(client).GetProperty("client").GetString());
        }

        var stats = result.PresenceStats.Value();
        Assert.Equal((5, 4), (stats.GetProperty("num_clients").GetInt32(), stats.GetProperty("num_users").GetInt32()));
    }

    [Fact(Timeout = Timeout)]
    public async Task History_returns_what_was_published_in_order_with_the_stream_position()
    {
        var (result, output) = await RunAsync();

        var history = result.History.Value();
        var publications = history.GetProperty("publications").EnumerateArray().ToList();
        Assert.True(
            publications.Select(publication => publication.GetProperty("data").GetProperty("kind").GetString()).SequenceEqual(["notice", "once", "broadcast", "batch", "pipeline", "marker"]),
            $"history holds {history}.\n{output}");
        var marker = result.Marker.Value();
        Assert.Equal(marker.GetProperty("offset").GetUInt64(), publications[^1].GetProperty("offset").GetUInt64());
        Assert.Equal(result.Published.Value().GetProperty("offset").GetUInt64(), publications[0].GetProperty("offset").GetUInt64());
        Assert.Equal(marker.GetProperty("epoch").GetString(), history.GetProperty("epoch").GetString());
        Assert.Equal(marker.GetProperty("offset").GetUInt64(), result.HistoryPosition.Value().GetProperty("offset").GetUInt64());
        Assert.Empty(result.HistoryPosition.Value().GetProperty("publications").EnumerateArray());
    }

    [Fact(Timeout = Timeout)]
    public async Task History_since_a_stale_epoch_answers_error_112()
    {
        var (result, output) = await RunAsync();

        Assert.True(result.StaleEpoch is { Status: 200, Code: 112 }, $"a stale epoch answered {result.StaleEpoch}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Broadcast_publishes_to_every_channel_named()
    {
        var (result, output) = await RunAsync();

        var responses = result.Broadcast.Value().GetProperty("responses").EnumerateArray().ToList();
        Assert.True(responses.Count == 2 && responses.All(response => response.TryGetProperty("result", out _)), $"broadcast answered {result.Broadcast.Result}.\n{output}");
        Assert.All(result.Deliveries, member => Assert.Equal(1, member.Broadcasts));
    }

    [Fact(Timeout = Timeout)]
    public async Task Info_through_either_edge_reports_both_edges_with_their_members_counted()
    {
        var (result, output) = await RunAsync();

        foreach (var call in result.InfoByEdge)
        {
            var nodes = call.Value().GetProperty("nodes").EnumerateArray().ToDictionary(node => node.GetProperty("uid").GetString()!);
            foreach (var edgeId in fixture.Cluster.EdgeIds)
            {
                Assert.True(nodes.TryGetValue(edgeId, out var node), $"info lacks {edgeId}: {call.Result}.\n{output}");
                // Each edge holds a student and the removed student's second connection, each subscribed to the classroom.
                Assert.True(
                    node.GetProperty("num_clients").GetInt32() >= 2 && node.GetProperty("num_users").GetInt32() >= 2
                        && node.GetProperty("num_subs").GetInt32() >= 2 && node.GetProperty("num_channels").GetInt32() >= 1,
                    $"{edgeId} reports {node}.\n{output}");
                Assert.NotEmpty(node.GetProperty("version").GetString()!);
            }

            Assert.True(nodes.Values.Sum(node => node.GetProperty("num_clients").GetInt32()) >= ListeningMembers.Length, $"info counts fewer clients than members: {call.Result}.\n{output}");
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task Channels_lists_the_classroom_with_every_member_and_honours_the_pattern()
    {
        var (result, output) = await RunAsync();

        var listed = result.Channels.Value().GetProperty("channels");
        Assert.Equal([result.Channel], listed.EnumerateObject().Select(channel => channel.Name));
        Assert.Equal(ListeningMembers.Length, listed.GetProperty(result.Channel).GetProperty("num_clients").GetInt32());
        Assert.Equal([result.Channel], result.ChannelsAll.Value().GetProperty("channels").EnumerateObject().Select(channel => channel.Name));
        Assert.Empty(result.ChannelsNone.Value().GetProperty("channels").EnumerateObject());
        Assert.True(result.ChannelsBadPattern is { Status: 200, Code: 107 }, $"a malformed pattern answered {result.ChannelsBadPattern}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Connections_lists_the_users_connection_on_each_edge_and_forgets_them_after_the_disconnect()
    {
        var (result, output) = await RunAsync();

        Assert.True(result.Connections.Status == 200 && result.Connections.Body.TryGetProperty("result", out _), $"connections answered {result.Connections.Body}.\n{output}");
        var listed = result.Connections.Body.GetProperty("result");
        var connections = listed.GetProperty("connections").EnumerateObject().ToDictionary(property => property.Name, property => property.Value);
        Assert.Equal(new[] { result.Clients["removed0"], result.Clients["removed1"] }.Order(StringComparer.Ordinal), connections.Keys.Order(StringComparer.Ordinal));
        Assert.All(connections.Values, connection => Assert.Equal(result.Users["removed0"], connection.GetProperty("user").GetString()));
        Assert.True(connections.Values.Select(connection => connection.GetProperty("edge").GetString()).Distinct().Count() == 2, $"both connections on one edge: {listed}.\n{output}");
        Assert.All(connections.Values, connection => Assert.True(connection.GetProperty("connected_at").GetInt64() > 0));
        Assert.True(
            result.ConnectionsAfter.Status == 200 && !result.ConnectionsAfter.Body.GetProperty("result").GetProperty("connections").EnumerateObject().Any(),
            $"connections after the disconnect answered {result.ConnectionsAfter.Body}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Batch_and_cent_js_pipeline_answer_each_command_in_order_and_their_publications_reach_every_member_once()
    {
        var (result, output) = await RunAsync();

        Assert.Equal(200, result.Batch.Status);
        var replies = result.Batch.Body.GetProperty("replies").EnumerateArray().ToList();
        Assert.True(replies.Count == 3, $"batch answered {result.Batch.Body}.\n{output}");
        Assert.True(replies[0].TryGetProperty("publish", out var published) && published.GetProperty("offset").GetUInt64() > 0, $"batch publish: {replies[0]}.\n{output}");
        Assert.Equal(ListeningMembers.Length, replies[1].GetProperty("presence_stats").GetProperty("num_clients").GetInt32());
        Assert.Equal(102, replies[2].GetProperty("error").GetProperty("code").GetInt32());

        var pipelined = result.Pipeline.Value().EnumerateArray().ToList();
        Assert.True(pipelined.Count == 2 && pipelined[0].GetProperty("offset").GetUInt64() > published.GetProperty("offset").GetUInt64(), $"pipeline answered {result.Pipeline.Result}.\n{output}");
        Assert.Equal(ListeningMembers.Length, pipelined[1].GetProperty("num_clients").GetInt32());
        Assert.All(result.Deliveries, member => Assert.True(member.Batches == 1 && member.Pipelines == 1, $"{member.Label} received the batch publication {member.Batches} times and the pipelined one {member.Pipelines} times.\n{output}"));
    }

    [Fact(Timeout = Timeout)]
    public async Task History_remove_keeps_the_position_and_a_since_offset_from_before_it_answers_112()
    {
        var (result, output) = await RunAsync();

        Assert.True(result.HistoryRemove.Ok, $"history_remove failed: {result.HistoryRemove.Error}\n{output}");
        var marker = result.Marker.Value();
        var after = result.HistoryAfterRemove.Value();
        Assert.Empty(after.GetProperty("publications").EnumerateArray());
        Assert.Equal(
            (marker.GetProperty("offset").GetUInt64(), marker.GetProperty("epoch").GetString()),
            (after.GetProperty("offset").GetUInt64(), after.GetProperty("epoch").GetString()));
        Assert.True(result.SinceRemoved is { Status: 200, Code: 112 }, $"history since a removed offset answered {result.SinceRemoved}.\n{output}");
        var next = result.AfterRemove.Value();
        Assert.Equal((marker.GetProperty("offset").GetUInt64() + 1, marker.GetProperty("epoch").GetString()), (next.GetProperty("offset").GetUInt64(), next.GetProperty("epoch").GetString()));
    }

    [Fact(Timeout = Timeout)]
    public async Task Info_lists_both_edges()
    {
        var (result, output) = await RunAsync();

        var uids = result.Info.Value().GetProperty("nodes").EnumerateArray().Select(node => node.GetProperty("uid").GetString()).ToList();
        Assert.True(fixture.Cluster.EdgeIds.All(uids.Contains), $"info lists {string.Join(", ", uids)}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task A_publish_to_an_unknown_channel_is_refused_with_error_102_and_cent_js_throws()
    {
        var (result, output) = await RunAsync();

        Assert.False(result.UnknownChannel.CentJs.Ok, $"cent.js accepted a publish to an unknown channel.\n{output}");
        Assert.True(result.UnknownChannel is { Status: 200, Code: 102 }, $"an unknown channel answered {result.UnknownChannel}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task A_wrong_api_key_is_refused_with_401_and_cent_js_throws()
    {
        var (result, output) = await RunAsync();

        Assert.False(result.WrongKey.CentJs.Ok, $"cent.js published with a wrong key.\n{output}");
        Assert.True(result.WrongKey is { Status: 401, Code: 101 }, $"a wrong key answered {result.WrongKey}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Unsubscribe_ends_the_users_subscription_and_takes_it_out_of_presence()
    {
        var (result, output) = await RunAsync();

        Assert.True(result.Unsubscribe.Call.Ok && result.Unsubscribe.Error is null, $"unsubscribe: {result.Unsubscribe}.\n{output}");
        Assert.NotEmpty(Member(result, "student1").Unsubscribes);
        Assert.Equal("connected", Member(result, "student1").State);
        var after = result.PresenceAfter.Value().GetProperty("presence");
        Assert.False(after.TryGetProperty(result.Clients["student1"], out _), $"student1 is still in presence after the unsubscribe.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Disconnect_closes_every_socket_of_the_user_on_both_edges_with_3503_and_spares_the_others()
    {
        var (result, output) = await RunAsync();

        Assert.True(result.Disconnect.Call.Ok && result.Disconnect.Error is null, $"disconnect: {result.Disconnect}.\n{output}");
        foreach (var label in new[] { "removed0", "removed1" })
        {
            var member = Member(result, label);
            var disconnect = Assert.Single(member.Disconnects);
            Assert.True(disconnect.GetProperty("code").GetInt32() == 3503 && member.State == "disconnected", $"{label} ended {member.State} after {disconnect}.\n{output}");
        }

        foreach (var label in new[] { "teacher", "student0", "student1" })
        {
            var member = Member(result, label);
            Assert.True(member.State == "connected" && member.Disconnects.Count == 0, $"{label} was disconnected too.\n{output}");
        }

        var after = result.PresenceAfter.Value().GetProperty("presence");
        Assert.False(after.TryGetProperty(result.Clients["removed0"], out _) || after.TryGetProperty(result.Clients["removed1"], out _), $"a removed connection is still in presence.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Refresh_with_expired_called_on_one_edge_closes_the_users_connection_on_the_other_with_3005_after_the_grace()
    {
        var (result, output) = await RunAsync();

        var refresh = result.Refresh;
        Assert.True(refresh.Call.Ok && refresh.Error is null, $"refresh: {Json(refresh)}.\n{output}");
        Assert.Empty(refresh.Call.Value().EnumerateObject());
        Assert.Equal([fixture.Cluster.EdgeIds[1]], refresh.Expiring.Nodes);
        Assert.Equal([3005], refresh.Expiring.CloseCodes);
        Assert.True(
            refresh.ClosedAfterMs >= ExpiredCloseDelay.TotalMilliseconds - 100 && refresh.ClosedAfterMs <= (ExpiredCloseDelay + CloseSlack).TotalMilliseconds,
            $"the expired connection closed {refresh.ClosedAfterMs} ms after the call; the grace is {ExpiredCloseDelay}: {Json(refresh)}.\n{output}");
        Assert.Equal([fixture.Cluster.EdgeIds[1]], refresh.Bystander.Nodes);
        Assert.True(refresh.Bystander is { CloseCodes.Count: 0, State: "connected" }, $"the other student on that edge: {Json(refresh.Bystander)}.\n{output}");
    }

    private async Task<(ServerApiResult Result, string Output)> RunAsync() =>
        await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonDefaults.Web);

    private static MemberState Member(ServerApiResult result, string label) => result.Members.Single(member => member.Label == label);
}
