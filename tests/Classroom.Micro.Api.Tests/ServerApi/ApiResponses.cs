using System.Net;
using System.Text.Json;
using Grpc.Core;
using Xunit;

namespace Classroom.Micro.Api.Tests.ServerApi;

/// <summary>Reading server API answers in tests: HTTP bodies as JSON, gRPC calls with a key and a deadline.</summary>
internal static class ApiResponses
{
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    public static async Task<JsonElement> BodyOf(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).WaitAsync(CallTimeout, TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> ResultOf(HttpResponseMessage response)
    {
        var body = await BodyOf(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK && body.TryGetProperty("result", out _), $"expected a result, got {(int)response.StatusCode} {body}");
        return body.GetProperty("result");
    }

    public static async Task<int> ErrorCodeOf(HttpResponseMessage response)
    {
        var body = await BodyOf(response);
        Assert.True(body.TryGetProperty("error", out var error), $"expected an error, got {(int)response.StatusCode} {body}");
        return error.GetProperty("code").GetInt32();
    }

    /// <summary>Call options with the fixture's key and a deadline.</summary>
    public static CallOptions WithKey() =>
        new(headers: new Metadata { { "x-api-key", ServerApiFixture.ApiKey } }, deadline: DateTime.UtcNow + CallTimeout, cancellationToken: TestContext.Current.CancellationToken);

    public static string NewChannel() => "classroom:" + Guid.NewGuid().ToString("N");
}
