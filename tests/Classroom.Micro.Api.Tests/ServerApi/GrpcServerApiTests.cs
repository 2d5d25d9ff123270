using Classroom.Micro.Api.V1;
using Classroom.Micro.Testing.Fakes;
using Google.Protobuf;
using Grpc.Core;
using Xunit;

namespace Classroom.Micro.Api.Tests.ServerApi;

/// <summary>The gRPC server API (<c>classroom.api.v1.ServerApi</c>) of a real edge over real HTTP/2, upstream faked.</summary>
public sealed class GrpcServerApiTests(ServerApiFixture fixture) : IClassFixture<ServerApiFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private Api.V1.ServerApi.ServerApiClient Client => fixture.Host.Grpc;

    [Fact]
    public async Task Call_without_a_key_fails_unauthenticated()
    {
        var failure = await Assert.ThrowsAsync<RpcException>(() => Client.InfoAsync(new Empty(), Options(headers: null)).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.Unauthenticated, failure.StatusCode);
    }

    [Fact]
    public async Task Call_with_a_wrong_key_fails_unauthenticated_and_publishes_nothing()
    {
        var channel = NewChannel();

        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            Client.PublishAsync(new PublishRequest { Channel = channel, Data = Data() }, Options(Key(ServerApiFixture.ApiKey + "!"))).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.Unauthenticated, failure.StatusCode);
        Assert.DoesNotContain(fixture.Host.Fanout.Publishes, publish => publish.Channel == channel);
    }

    [Fact]
    public async Task Authorization_metadata_with_the_apikey_scheme_is_accepted()
    {
        var headers = new Metadata { { "authorization", "apikey " + ServerApiFixture.OtherApiKey } };

        var info = await Client.InfoAsync(new Empty(), Options(headers)).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(ApiHost.EdgeId, Assert.Single(info.Nodes).Uid);
    }

    [Fact]
    public async Task Publish_returns_the_position_of_the_appended_publication()
    {
        var channel = NewChannel();

        var result = await Client.PublishAsync(new PublishRequest { Channel = channel, Data = Data(), IdempotencyKey = "g-1" }, Options(Key())).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(FakeFanout.Epoch, result.Epoch);
        var appended = Assert.Single(fixture.Host.Fanout.Publishes, publish => publish.Channel == channel);
        Assert.Equal((result.Offset > 0, "g-1"), (true, appended.IdempotencyKey));
    }

    [Fact]
    public async Task Unknown_channel_fails_with_not_found()
    {
        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            Client.PublishAsync(new PublishRequest { Channel = "lobby:1", Data = Data() }, Options(Key())).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
    }

    [Fact]
    public async Task Missing_or_invalid_fields_fail_with_invalid_argument_naming_the_field()
    {
        var noChannel = await Assert.ThrowsAsync<RpcException>(() =>
            Client.PresenceAsync(new ChannelRequest(), Options(Key())).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken));
        var badData = await Assert.ThrowsAsync<RpcException>(() =>
            Client.PublishAsync(new PublishRequest { Channel = NewChannel(), Data = ByteString.CopyFromUtf8("{oops") }, Options(Key())).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken));

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument), (noChannel.StatusCode, badData.StatusCode));
        Assert.Contains("channel", noChannel.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("data", badData.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_since_another_epoch_fails_with_out_of_range()
    {
        var request = new HistoryRequest { Channel = NewChannel(), Limit = 5, SinceOffset = 1, SinceEpoch = "gone" };

        var failure = await Assert.ThrowsAsync<RpcException>(() => Client.HistoryAsync(request, Options(Key())).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.OutOfRange, failure.StatusCode);
    }

    [Fact]
    public async Task History_returns_the_stored_publications()
    {
        var history = await Client.HistoryAsync(new HistoryRequest { Channel = NewChannel(), Limit = -1 }, Options(Key())).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal([2UL, 3UL], history.Publications.Select(publication => publication.Offset));
        Assert.Equal("teacher-1", history.Publications[0].Info.User);
        Assert.Equal((3UL, FakeFanout.Epoch), (history.Offset, history.Epoch));
    }

    [Fact]
    public async Task Unavailable_fanout_fails_with_unavailable()
    {
        var channel = NewChannel();
        fixture.Host.Fanout.Fail(channel, StatusCode.Unavailable);

        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            Client.PublishAsync(new PublishRequest { Channel = channel, Data = Data() }, Options(Key())).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
    }

    [Fact]
    public async Task Broadcast_reports_unknown_channels_per_item_without_failing_the_call()
    {
        var request = new BroadcastRequest { Data = Data() };
        request.Channels.Add([NewChannel(), "lobby:2"]);

        var result = await Client.BroadcastAsync(request, Options(Key())).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(FakeFanout.Epoch, result.Responses[0].Result.Epoch);
        Assert.Equal(102u, result.Responses[1].Error.Code);
    }

    [Fact]
    public async Task Disconnect_is_announced_with_the_default_code()
    {
        var user = "user-" + Guid.NewGuid().ToString("N");

        await Client.DisconnectAsync(new DisconnectRequest { User = user }, Options(Key())).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        var disconnect = Assert.Single(fixture.Host.Fanout.Announcements, announcement => announcement.Control?.Disconnect?.User == user).Control.Disconnect;
        Assert.Equal(3503u, disconnect.Code);
    }

    [Fact]
    public async Task Refresh_is_announced_with_the_users_new_expiry()
    {
        var user = "user-" + Guid.NewGuid().ToString("N");

        await Client.RefreshAsync(new RefreshRequest { User = user, Client = "c-1", ExpireAt = 1767225600 }, Options(Key())).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        var refresh = Assert.Single(fixture.Host.Fanout.Announcements, announcement => announcement.Control?.Refresh?.User == user).Control.Refresh;
        Assert.Equal(("c-1", false, 1767225600L), (refresh.Client, refresh.Expired, refresh.ExpireAt));
    }

    [Fact]
    public async Task Refresh_without_a_user_fails_with_invalid_argument_naming_it()
    {
        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            Client.RefreshAsync(new RefreshRequest { Expired = true }, Options(Key())).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Contains("user is required", failure.Status.Detail, StringComparison.Ordinal);
    }

    private static Metadata Key(string key = ServerApiFixture.ApiKey) => new() { { "x-api-key", key } };

    private static CallOptions Options(Metadata? headers) => new(headers, DateTime.UtcNow.Add(Timeout), TestContext.Current.CancellationToken);

    private static ByteString Data() => ByteString.CopyFromUtf8("""{"text":"hello"}""");

    private static string NewChannel() => "classroom:" + Guid.NewGuid().ToString("N");
}
