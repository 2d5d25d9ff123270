using Classroom.Micro.Api.V1;
using Classroom.Micro.EndToEnd.Tests.Hosting;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.ServerApi;

/// <summary>The server API over gRPC for internal callers, straight to the api service's HTTP/2 endpoint.</summary>
[Collection(SharedCluster.Name)]
public sealed class GrpcServerApiTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_publish_through_the_api_service_is_in_the_history_read_on_another_connection()
    {
        var cluster = fixture.Cluster;
        var channel = "classroom:grpc-" + Guid.NewGuid().ToString("N")[..8];
        using var first = GrpcChannel.ForAddress(cluster.ApiGrpcUrl);
        using var second = GrpcChannel.ForAddress(cluster.ApiGrpcUrl);

        var published = await new Api.V1.ServerApi.ServerApiClient(first)
            .PublishAsync(new PublishRequest { Channel = channel, Data = ByteString.CopyFromUtf8("""{"via":"grpc"}"""), IdempotencyKey = "grpc-1" }, Options(cluster.ApiKey))
            .ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var history = await new Api.V1.ServerApi.ServerApiClient(second)
            .HistoryAsync(new HistoryRequest { Channel = channel, Limit = -1 }, Options(cluster.ApiKey))
            .ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        var publication = Assert.Single(history.Publications);
        Assert.Equal((published.Offset, published.Epoch), (publication.Offset, history.Epoch));
        Assert.Equal("""{"via":"grpc"}""", publication.Data.ToStringUtf8());
        Assert.Null(publication.Info);
    }

    [Fact]
    public async Task A_call_with_a_wrong_key_fails_unauthenticated()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Cluster.ApiGrpcUrl);

        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            new Api.V1.ServerApi.ServerApiClient(channel).InfoAsync(new Empty(), Options(fixture.Cluster.ApiKey + "-wrong"))
                .ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.Unauthenticated, failure.StatusCode);
    }

    private static CallOptions Options(string apiKey) =>
        new(new Metadata { { "x-api-key", apiKey } }, DateTime.UtcNow.Add(Timeout), TestContext.Current.CancellationToken);
}
