using Classroom.Micro.Api.V1;
using Classroom.Micro.Testing.Fakes;
using Grpc.Core;
using Xunit;
using static Classroom.Micro.Api.Tests.ServerApi.ApiResponses;

namespace Classroom.Micro.Api.Tests.ServerApi;

/// <summary><c>history_remove</c>, and <c>history</c> after it: the removal never passes for an unbroken history.</summary>
public sealed class HistoryRemoveTests(ServerApiFixture fixture) : IClassFixture<ServerApiFixture>
{
    private const string Key = ServerApiFixture.ApiKey;

    private ApiHost Host => fixture.Host;

    [Fact]
    public async Task History_remove_asks_the_fanout_to_remove_the_channels_history_and_answers_an_empty_result()
    {
        var channel = NewChannel();

        using var response = await Host.PostAsync("history_remove", $$"""{"channel":"{{channel}}"}""", Key);

        Assert.Empty((await ResultOf(response)).EnumerateObject());
        Assert.Contains(channel, Host.Fanout.RemovedHistories);
    }

    [Theory]
    [InlineData("""{}""", 107)]
    [InlineData("""{"channel":"lobby:1"}""", 102)]
    public async Task History_remove_of_a_missing_or_unknown_channel_answers_its_error(string body, int code)
    {
        using var response = await Host.PostAsync("history_remove", body, Key);

        Assert.Equal(code, await ErrorCodeOf(response));
    }

    [Fact]
    public async Task History_since_an_offset_whose_successors_were_removed_answers_error_112_not_a_silent_gap()
    {
        var channel = NewChannel();
        using (var removed = await Host.PostAsync("history_remove", $$"""{"channel":"{{channel}}"}""", Key))
        {
            await ResultOf(removed);
        }

        using var since = await Host.PostAsync("history", $$$"""{"channel":"{{{channel}}}","limit":10,"since":{"offset":1,"epoch":"{{{FakeFanout.Epoch}}}"}}""", Key);
        using var all = await Host.PostAsync("history", $$"""{"channel":"{{channel}}","limit":10}""", Key);

        Assert.Equal(112, await ErrorCodeOf(since));
        var result = await ResultOf(all);
        Assert.Empty(result.GetProperty("publications").EnumerateArray());
        Assert.Equal(3UL, result.GetProperty("offset").GetUInt64());
    }

    [Fact]
    public async Task History_remove_over_grpc_fails_with_unavailable_when_the_fanout_is()
    {
        var channel = NewChannel();
        Host.Fanout.Fail(channel, StatusCode.Unavailable);

        var failure = await Assert.ThrowsAsync<RpcException>(() => Host.Grpc.HistoryRemoveAsync(new ChannelRequest { Channel = channel }, WithKey()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
    }
}
