using System.Net;
using Classroom.Micro.Api.V1;
using Grpc.Core;
using Xunit;

namespace Classroom.Micro.Api.Tests.ServerApi;

/// <summary>With no key configured the API exists but refuses everything.</summary>
public sealed class DisabledServerApiTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Without_configured_keys_every_call_is_refused_over_http_and_grpc()
    {
        await using var host = await ApiHost.StartAsync([]).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        using var withKey = await host.PostAsync("info", "{}", "any-key-at-all");
        using var withoutKey = await host.PostAsync("info", "{}", apiKey: null);
        var grpc = await Assert.ThrowsAsync<RpcException>(() =>
            host.Grpc.InfoAsync(new Empty(), new CallOptions(new Metadata { { "x-api-key", "any-key-at-all" } }, DateTime.UtcNow.Add(Timeout), TestContext.Current.CancellationToken))
                .ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken));

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (withKey.StatusCode, withoutKey.StatusCode));
        Assert.Equal(StatusCode.Unauthenticated, grpc.StatusCode);
    }
}
