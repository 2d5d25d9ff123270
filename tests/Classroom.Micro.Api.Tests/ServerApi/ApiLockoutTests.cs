using System.Net;
using System.Text.Json;
using Classroom.Micro.Api.V1;
using Grpc.Core;
using Xunit;

namespace Classroom.Micro.Api.Tests.ServerApi;

/// <summary>Failed server API authentications are limited per client address.</summary>
public sealed class ApiLockoutTests
{
    private const string Key = ServerApiFixture.ApiKey;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_address_past_its_failed_authentications_gets_429_problem_details_even_with_the_right_key()
    {
        await using var host = await ApiHost.StartAsync([Key], "Api:FailedAuthLimit=3", "Api:FailedAuthWindow=00:10:00").WaitAsync(Timeout, TestContext.Current.CancellationToken);
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await host.PostAsync("info", "{}", "wrong-key-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var locked = await host.PostAsync("info", "{}", Key);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal("application/problem+json", locked.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(locked.Headers.RetryAfter);
        using var problem = JsonDocument.Parse(await locked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        var grpc = await Assert.ThrowsAsync<RpcException>(() => host.Grpc.InfoAsync(new Empty(), new Metadata { { "x-api-key", Key } }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WaitAsync(Timeout, TestContext.Current.CancellationToken));
        Assert.Equal(StatusCode.ResourceExhausted, grpc.StatusCode);
    }

    [Fact]
    public async Task Another_address_behind_the_gateway_is_not_locked_out_by_one_that_is()
    {
        await using var host = await ApiHost.StartAsync([Key], "Api:FailedAuthLimit=2", "Api:FailedAuthWindow=00:10:00").WaitAsync(Timeout, TestContext.Current.CancellationToken);
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await PostFromAsync(host, "203.0.113.7", "wrong-key");
        }

        using var attacker = await PostFromAsync(host, "203.0.113.7", Key);
        using var school = await PostFromAsync(host, "198.51.100.20", Key);

        Assert.Equal(HttpStatusCode.TooManyRequests, attacker.StatusCode);
        Assert.Equal(HttpStatusCode.OK, school.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostFromAsync(ApiHost host, string clientAddress, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/info") { Content = new StringContent("{}") };
        request.Headers.Add("X-API-Key", key);
        request.Headers.Add("X-Forwarded-For", clientAddress);
        return await host.Http.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
    }
}
