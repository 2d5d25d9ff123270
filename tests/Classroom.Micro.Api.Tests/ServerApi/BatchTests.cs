using System.Net;
using System.Text.Json;
using Classroom.Micro.Api.V1;
using Classroom.Micro.Testing.Fakes;
using Google.Protobuf;
using Xunit;
using static Classroom.Micro.Api.Tests.ServerApi.ApiResponses;

namespace Classroom.Micro.Api.Tests.ServerApi;

/// <summary>
/// <c>batch</c> (<c>{"commands":[…],"parallel":…}</c> → <c>{"replies":[…]}</c>) and the older <c>POST /api</c> pipeline format
/// cent.js sends: each command answered on its own, in command order.
/// </summary>
public sealed class BatchTests(ServerApiFixture fixture) : IClassFixture<ServerApiFixture>
{
    private const string Key = ServerApiFixture.ApiKey;

    private ApiHost Host => fixture.Host;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Batch_answers_every_command_in_order_with_its_result_under_the_method_name_or_its_error(bool parallel)
    {
        var channel = NewChannel();
        var other = NewChannel();
        var body = $$$$"""
            {"parallel":{{{{(parallel ? "true" : "false")}}}},"commands":[
              {"publish":{"channel":"{{{{channel}}}}","data":{"n":1}}},
              {"broadcast":{"channels":["{{{{channel}}}}","{{{{other}}}}"],"data":{"n":2}}},
              {"publish":{"channel":"lobby:1","data":{}}},
              {"rename":{}},
              {"publish":{"channel":7}},
              {"history_remove":{"channel":"{{{{other}}}}"}},
              {"info":{}}
            ]}
            """;

        using var response = await Host.PostAsync("batch", body, Key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await BodyOf(response);
        Assert.False(document.TryGetProperty("result", out _), "a batch answers its replies at the top level, as Centrifugo does");
        var replies = document.GetProperty("replies").EnumerateArray().ToList();
        Assert.Equal(7, replies.Count);
        Assert.Equal(FakeFanout.Epoch, replies[0].GetProperty("publish").GetProperty("epoch").GetString());
        Assert.Equal(2, replies[1].GetProperty("broadcast").GetProperty("responses").GetArrayLength());
        Assert.Equal(102, Code(replies[2]));
        Assert.Equal(104, Code(replies[3]));
        Assert.Equal(107, Code(replies[4]));
        Assert.Contains("publish.channel", replies[4].GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(replies[5].GetProperty("history_remove").EnumerateObject());
        Assert.NotEmpty(replies[6].GetProperty("info").GetProperty("nodes").EnumerateArray());
        Assert.Equal(2, Host.Fanout.Publishes.Count(publish => publish.Channel == channel));
        Assert.Contains(other, Host.Fanout.RemovedHistories);
    }

    [Fact]
    public async Task Sequential_batch_appends_in_command_order()
    {
        var channel = NewChannel();
        var commands = string.Join(',', Enumerable.Range(1, 5).Select(n => $$$$"""{"publish":{"channel":"{{{{channel}}}}","data":{"n":{{{{n}}}}}}}"""));

        using var response = await Host.PostAsync("batch", $$"""{"commands":[{{commands}}]}""", Key);

        var offsets = (await BodyOf(response)).GetProperty("replies").EnumerateArray()
            .Select(reply => reply.GetProperty("publish").GetProperty("offset").GetUInt64()).ToList();
        Assert.Equal(offsets.Order(), offsets);
        Assert.Equal(
            ["""{"n":1}""", """{"n":2}""", """{"n":3}""", """{"n":4}""", """{"n":5}"""],
            Host.Fanout.Publishes.Where(publish => publish.Channel == channel).Select(publish => publish.Data.ToStringUtf8()));
    }

    [Theory]
    [InlineData("""{"commands":{"publish":{}}}""")]
    [InlineData("""{"commands":["publish"]}""")]
    [InlineData("""{"commands":[],"parallel":"yes"}""")]
    public async Task Batch_of_the_wrong_shape_answers_400(string body)
    {
        using var response = await Host.PostAsync("batch", body, Key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(107, await ErrorCodeOf(response));
    }

    [Fact]
    public async Task Batch_with_no_commands_answers_no_replies()
    {
        using var response = await Host.PostAsync("batch", "{}", Key);

        Assert.Empty((await BodyOf(response)).GetProperty("replies").EnumerateArray());
    }

    [Fact]
    public async Task Refresh_in_a_batch_and_in_a_pipeline_is_announced_and_answers_an_empty_result()
    {
        var user = "user-" + Guid.NewGuid().ToString("N");
        var body = $$$"""{"commands":[{"refresh":{"user":"{{{user}}}","expired":true}},{"refresh":{"expired":true}}]}""";

        using var batch = await Host.PostAsync("batch", body, Key);
        using var pipeline = await Host.PostToAsync("/api", $$"""{"method":"refresh","params":{"user":"{{user}}","expire_at":1767225600},"id":3}""", Key);

        var replies = (await BodyOf(batch)).GetProperty("replies").EnumerateArray().ToList();
        Assert.Empty(replies[0].GetProperty("refresh").EnumerateObject());
        Assert.Equal(107, Code(replies[1]));
        var line = await BodyOf(pipeline);
        Assert.Equal(3, line.GetProperty("id").GetInt32());
        Assert.Empty(line.GetProperty("result").EnumerateObject());
        var announced = Host.Fanout.Announcements.Where(announcement => announcement.Control?.Refresh?.User == user).Select(announcement => announcement.Control.Refresh);
        Assert.Equal([(true, 0L), (false, 1767225600L)], announced.Select(refresh => (refresh.Expired, refresh.ExpireAt)));
    }

    [Fact]
    public async Task Batch_over_grpc_answers_each_command_with_its_result_or_error()
    {
        var channel = NewChannel();
        var request = new BatchRequest { Parallel = true };
        request.Commands.Add(new Command { Publish = new PublishRequest { Channel = channel, Data = ByteString.CopyFromUtf8("""{"n":1}""") } });
        request.Commands.Add(new Command { Presence = new ChannelRequest { Channel = "lobby:1" } });
        request.Commands.Add(new Command());
        request.Commands.Add(new Command { Channels = new ChannelsRequest() });

        var result = await Host.Grpc.BatchAsync(request, WithKey()).ResponseAsync;

        Assert.Equal(4, result.Replies.Count);
        Assert.Equal(FakeFanout.Epoch, result.Replies[0].Publish.Epoch);
        Assert.Equal(102u, result.Replies[1].Error.Code);
        Assert.Equal(104u, result.Replies[2].Error.Code);
        Assert.Equal(Reply.ResultOneofCase.Channels, result.Replies[3].ResultCase);
    }

    [Fact]
    public async Task Pipeline_of_newline_separated_commands_at_api_answers_one_line_per_command_as_cent_js_reads_it()
    {
        var channel = NewChannel();
        var body = $$$$"""
            {"method":"publish","params":{"channel":"{{{{channel}}}}","data":{"n":1}}}
            {"method":"presence_stats","params":{"channel":"{{{{channel}}}}"},"id":7}
            {"method":"publish","params":{"channel":"lobby:1","data":{}}}
            {"method":4,"params":{"channel":"{{{{channel}}}}"}}
            """;

        using var response = await Host.PostToAsync("/api", body, Key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).WaitAsync(CallTimeout, TestContext.Current.CancellationToken)).Split('\n').Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Equal(FakeFanout.Epoch, lines[0].GetProperty("result").GetProperty("epoch").GetString());
        Assert.Equal(7, lines[1].GetProperty("id").GetInt32());
        Assert.Equal(0, lines[1].GetProperty("result").GetProperty("num_clients").GetInt32());
        Assert.Equal(102, lines[2].GetProperty("error").GetProperty("code").GetInt32());
        Assert.True(lines[3].GetProperty("result").TryGetProperty("presence", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"method\":\"publish\"")]
    [InlineData("[1,2]")]
    public async Task Pipeline_body_that_is_not_json_commands_answers_400(string body)
    {
        using var response = await Host.PostToAsync("/api", body, Key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Pipeline_without_a_key_is_refused_with_401()
    {
        using var response = await Host.PostToAsync("/api", """{"method":"info"}""", apiKey: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static int Code(JsonElement reply) => reply.GetProperty("error").GetProperty("code").GetInt32();
}
