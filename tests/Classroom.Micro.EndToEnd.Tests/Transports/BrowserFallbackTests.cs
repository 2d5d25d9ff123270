using System.Text.Json;
using Classroom.Micro.EndToEnd.Tests.Hosting;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Transports;

/// <summary>
/// The web app in Chromium behind a network that blocks WebSockets (see <c>tests/e2e/browser-fallback.mjs</c>): it
/// falls back to HTTP-streaming, or to SSE when that is blocked too, shows the transport, and the class works and recovers.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class BrowserFallbackTests(ClusterFixture fixture, BrowserFallbackRun run) : IClassFixture<BrowserFallbackRun>
{
    private const int Timeout = 300_000;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4.5);

    [Fact(Timeout = Timeout)]
    public async Task With_websockets_blocked_the_app_falls_back_and_shows_the_transport()
    {
        var transports = await StepAsync("transports");
        var seen = transports.Step.GetProperty("seen");

        Assert.True(Transport(seen, "teacher") == "websocket", transports.Output);
        Assert.True(Transport(seen, "streamStudent") == "http_stream", transports.Output);
        Assert.True(Transport(seen, "sseStudent") == "sse", transports.Output);
        Assert.Contains("HTTP streaming", seen.GetProperty("streamStudent").GetProperty("shown").GetString(), StringComparison.Ordinal);
        Assert.Contains("Server-sent events", seen.GetProperty("sseStudent").GetProperty("shown").GetString(), StringComparison.Ordinal);
        var blocked = (await StepAsync("join")).Step.GetProperty("blocked");
        Assert.True(blocked.GetProperty("streamStudent").GetProperty("websocket").GetInt32() > 0, transports.Output);
        Assert.True(blocked.GetProperty("sseStudent").GetProperty("http_stream").GetInt32() > 0, transports.Output);
    }

    [Fact(Timeout = Timeout)]
    public async Task Over_the_fallback_transports_the_board_and_the_chat_reach_everyone()
    {
        var draw = await StepAsync("draw");
        var chat = await StepAsync("chat");

        foreach (var label in new[] { "teacher", "streamStudent", "sseStudent" })
        {
            Assert.True(draw.Step.GetProperty("ink").GetProperty(label).GetInt32() > 0, $"{label}'s canvas shows no ink\n{draw.Output}");
            Assert.True(chat.Step.GetProperty("read").GetProperty(label).GetBoolean(), chat.Output);
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task A_student_over_sse_who_drops_out_comes_back_recovered_with_the_same_board()
    {
        var (step, output) = await StepAsync("recover");
        var resubscribed = step.GetProperty("events").EnumerateArray().FirstOrDefault(item => item.GetProperty("type").GetString() == "subscribed");

        Assert.True(step.GetProperty("strokesWhileAway").GetInt32() == 1, output);
        Assert.True(resubscribed.ValueKind == JsonValueKind.Object && resubscribed.GetProperty("recovered").GetBoolean(), $"no recovered resubscribe: {step}\n{output}");
        Assert.True(step.GetProperty("transport").GetString() == "sse", output);
    }

    private static string? Transport(JsonElement seen, string label) => seen.GetProperty(label).GetProperty("transport").GetString();

    private async Task<(JsonElement Step, string Output)> StepAsync(string name)
    {
        var (steps, output) = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);
        var step = steps.GetProperty(name);
        Assert.True(step.GetProperty("ok").GetBoolean(), $"step {name} failed: {step}\n{output}");
        return (step, output);
    }
}
