using System.Net.Http.Json;
using System.Text.Json;
using Classroom.Micro.EndToEnd.Tests.Classroom;
using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Classroom.Micro.Testing.Cluster;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.ServerSubscriptions;

/// <summary>
/// Runs <c>server-subs.mjs</c> once, for all of <see cref="ServerSubscriptionTests"/>, on a cluster of its own whose
/// edges subscribe every connection to its personal channel (the shared cluster's scenarios subscribe to it
/// themselves). At the scenario's "ready" checkpoint it calls the server API's <c>subscribe</c> on the api service
/// (which announces it through the fanout to every edge), so the whole path a school backend uses is under test.
/// </summary>
public sealed class ServerSubscriptionRun : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly ScenarioRun<ScenarioOutcome<ServerSubscriptionResult>> _run = new();
    private Cluster? _cluster;

    internal Task<ScenarioOutcome<ServerSubscriptionResult>> GetAsync() => _run.GetAsync(RunAsync);

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var options = new ClusterOptions { EdgeSettings = new Dictionary<string, string?> { ["Edge__Commands__SubscribeToPersonal"] = "true" } };
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _cluster = await Cluster.StartAsync(options, cancellation.Token).WaitAsync(TimeSpan.FromMinutes(2));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    private async Task<ScenarioOutcome<ServerSubscriptionResult>> RunAsync()
    {
        var cluster = _cluster!;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var environment = cluster.ScenarioEnvironment();
        environment["HS256_SECRET"] = cluster.Hs256Secret;
        environment["CLASSROOM"] = "server-subs-" + suffix;
        environment["OTHER_CLASSROOM"] = "server-subs-pushed-" + suffix;
        await using var scenario = NodeScenario.Start("server-subs.mjs", environment);
        var ready = await scenario.CheckpointAsync("ready", NodeScenario.DefaultTimeout);
        await SubscribeThroughServerApiAsync(cluster, ready.GetProperty("user").GetString()!, ready.GetProperty("channel").GetString()!);
        await scenario.ContinueAsync();
        var result = await scenario.ResultAsync<ServerSubscriptionResult>(NodeScenario.DefaultTimeout);
        return new ScenarioOutcome<ServerSubscriptionResult>(result, scenario.Output + "\n" + cluster.OutputTails());
    }

    /// <summary>Calls the server API's <c>subscribe</c> on the api service, as a school backend does.</summary>
    private static async Task SubscribeThroughServerApiAsync(Cluster cluster, string user, string channel)
    {
        using var http = new HttpClient { BaseAddress = cluster.ApiUrl, Timeout = Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscribe")
        {
            Content = JsonContent.Create(new { user, channel, data = new { reason = "moved to group work" } }),
        };
        request.Headers.Add("X-API-Key", cluster.ApiKey);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode && !body.Contains("\"error\"", StringComparison.Ordinal), $"/api/subscribe answered {(int)response.StatusCode}: {body}");
    }
}

/// <summary>What <c>server-subs.mjs</c> observed.</summary>
internal sealed record ServerSubscriptionResult(
    string Channel,
    string Personal,
    string Pushed,
    IReadOnlyList<string> OnConnect,
    ServerSubscribed? Resubscribed,
    ServerSubscribed? PushedSubscribed,
    string? PushError,
    string? PresenceError,
    IReadOnlyList<JsonElement> Presence,
    ServerReceived Received,
    int RawClassroomPushes,
    IReadOnlyList<JsonElement> Unsubscribed,
    IReadOnlyList<JsonElement> Disconnects,
    IReadOnlyList<JsonElement> Errors);

/// <summary>A client-level <c>subscribed</c> event of a server-side subscription.</summary>
internal sealed record ServerSubscribed(string Channel, bool Recovered, bool WasRecovering, bool Recoverable, ulong? Offset, JsonElement? Data);

/// <summary>Publications (their <c>n</c>) the student received per channel.</summary>
internal sealed record ServerReceived(IReadOnlyList<int> Classroom, int Personal, IReadOnlyList<int> Pushed);
