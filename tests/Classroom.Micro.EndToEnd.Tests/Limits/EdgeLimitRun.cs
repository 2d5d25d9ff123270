using System.Globalization;
using System.Text.Json;
using Classroom.Micro.EndToEnd.Tests.Classroom;
using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Classroom.Micro.Testing.Cluster;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Limits;

/// <summary>
/// A cluster of its own with tight edge limits, for <see cref="EdgeLimitTests"/>, and one run of
/// <c>hostile-class.mjs</c> on it (a hostile student in a class of 30 while the teacher publishes).
/// </summary>
public sealed class EdgeLimitRun : IAsyncLifetime
{
    public const int MaxSubscriptions = 4;
    public const int MaxPerUser = 3;
    public const int MaxPerAddress = 40;
    public const int Publications = 200;

    private readonly ScenarioRun<ScenarioOutcome<HostileClassResult>> _run = new();

    public Cluster Cluster { get; private set; } = null!;

    private static Dictionary<string, string?> Limits { get; } = new()
    {
        ["Edge__Commands__RatePerSecond"] = "50",
        ["Edge__Commands__RateBurst"] = "100",
        ["Edge__Commands__RateLimitedBeforeDisconnect"] = "50",
        ["Edge__Commands__RateLimitWindow"] = "00:00:10",
        ["Edge__Commands__UserRatePerSecond"] = "100",
        ["Edge__Commands__UserRateBurst"] = "200",
        ["Edge__Commands__MaxErrors"] = "20",
        ["Edge__Commands__ErrorWindow"] = "00:01:00",
        ["Edge__Commands__MaxSubscriptions"] = MaxSubscriptions.ToString(CultureInfo.InvariantCulture),
        ["Edge__Connections__MaxPerUser"] = MaxPerUser.ToString(CultureInfo.InvariantCulture),
        ["Edge__Connections__MaxPerAddress"] = MaxPerAddress.ToString(CultureInfo.InvariantCulture),
    };

    internal Task<ScenarioOutcome<HostileClassResult>> GetAsync() => _run.GetAsync(RunAsync);

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Cluster = await Cluster.StartAsync(new ClusterOptions { EdgeSettings = Limits }, cancellation.Token).WaitAsync(TimeSpan.FromMinutes(2));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }

    private async Task<ScenarioOutcome<HostileClassResult>> RunAsync()
    {
        var environment = Cluster.ScenarioEnvironment();
        environment["CLASSROOM"] = "hostile-" + Guid.NewGuid().ToString("N")[..8];
        environment["PUBLICATIONS"] = Publications.ToString(CultureInfo.InvariantCulture);
        environment["MAX_SUBSCRIPTIONS"] = MaxSubscriptions.ToString(CultureInfo.InvariantCulture);
        environment["MAX_PER_USER"] = MaxPerUser.ToString(CultureInfo.InvariantCulture);
        await using var scenario = NodeScenario.Start("hostile-class.mjs", environment);
        var result = await scenario.ResultAsync<HostileClassResult>(TimeSpan.FromMinutes(3));
        return new ScenarioOutcome<HostileClassResult>(result, scenario.Output + "\n" + Cluster.OutputTails());
    }
}

/// <summary>What <c>hostile-class.mjs</c> observed.</summary>
internal sealed record HostileClassResult(
    int Acked,
    string? DeliveryError,
    IReadOnlyList<ClassMember> Students,
    HostileSocket Hammer,
    HostileSocket Subscriber,
    IReadOnlyList<HostileTab> Tabs);

internal sealed record ClassMember(string Label, IReadOnlyList<int?> Received, IReadOnlyList<long> SentOffsets, IReadOnlyList<JsonElement> Disconnects, IReadOnlyList<int> CloseCodes);

/// <summary>A raw hostile connection: how it was closed and how many error replies of each code it got.</summary>
internal sealed record HostileSocket(int? CloseCode, IReadOnlyDictionary<string, int> Errors, int Replies, int Subscribed);

internal sealed record HostileTab(bool Connected, int? CloseCode);
