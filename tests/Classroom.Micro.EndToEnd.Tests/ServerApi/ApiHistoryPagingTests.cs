using System.Net.Http.Json;
using System.Text.Json;
using Classroom.Micro.EndToEnd.Tests.Hosting;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.ServerApi;

/// <summary>
/// The server API's <c>history</c> pages fanout's byte-bounded reads: a channel holding more than one fanout answer
/// (4 MiB) is answered whole, in order, from the real Redis stream.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class ApiHistoryPagingTests(ClusterFixture fixture)
{
    private const int Publications = 100;
    private const int PadBytes = 50_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 180_000)]
    public async Task History_of_5_MB_is_answered_whole_and_in_order()
    {
        using var http = new HttpClient { BaseAddress = fixture.Cluster.ApiUrl, Timeout = Timeout };
        var channel = $"classroom:hist-{Guid.NewGuid():N}"[..24];
        var pad = new string('x', PadBytes);
        for (var n = 1; n <= Publications; n++)
        {
            await CallAsync(http, "publish", new { channel, data = new { n, pad } });
        }

        var history = await CallAsync(http, "history", new { channel, limit = -1 });

        var offsets = history.GetProperty("result").GetProperty("publications").EnumerateArray().Select(publication => publication.GetProperty("offset").GetInt64()).ToList();
        Assert.Equal(Publications, offsets.Count);
        Assert.Equal(Enumerable.Range(0, Publications).Select(n => offsets[0] + n), offsets);
    }

    private async Task<JsonElement> CallAsync(HttpClient http, string method, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/" + method) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-API-Key", fixture.Cluster.ApiKey);
        using var response = await http.SendAsync(request, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.IsSuccessStatusCode && !text.Contains("\"error\"", StringComparison.Ordinal), $"/api/{method} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
