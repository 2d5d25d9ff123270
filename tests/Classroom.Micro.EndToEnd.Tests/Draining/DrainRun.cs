using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Classroom.Micro.EndToEnd.Tests.Guarantees;
using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Classroom.Micro.Registry.V1;
using Classroom.Micro.Testing.Cluster;
using Classroom.Micro.Testing;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Draining;

/// <summary>
/// A cluster of its own whose edges drain over <see cref="Window"/>, and one run of <c>guarantee.mjs</c> against it: a
/// class split over both edges (first sockets directly on each edge, reconnects through the gateway) while two members
/// publish steadily; once the burst is under way edge 0 gets SIGTERM. The tests of <see cref="GracefulDrainTests"/>
/// assert on what was observed.
/// </summary>
public sealed class DrainRun : IAsyncLifetime
{
    /// <summary><c>Edge:Drain:Window</c> of both edges.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(4);

    /// <summary>The edge's host waits this long for its drain to finish (the window plus ten seconds, set by the edge itself).</summary>
    public static readonly TimeSpan GracePeriod = Window + TimeSpan.FromSeconds(10);

    public const int Members = 8;

    private const int Drained = 0;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan MoveTimeout = TimeSpan.FromSeconds(15);

    internal Cluster Cluster { get; private set; } = null!;

    internal string Channel { get; private set; } = string.Empty;

    /// <summary>The channel's subscriptions in the registry while the burst ran, before the SIGTERM.</summary>
    internal IReadOnlyList<Subscription> Before { get; private set; } = [];

    /// <summary>The channel's subscriptions once the drained edge exited and its clients came back (or the wait ran out).</summary>
    internal IReadOnlyList<Subscription> After { get; private set; } = [];

    /// <summary>Why <see cref="After"/> is not every member on the other edge, if it is not.</summary>
    internal string? MoveError { get; private set; }

    /// <summary>The edge leases right after the drained edge exited.</summary>
    internal IReadOnlyList<string> LeasesAtExit { get; private set; } = [];

    /// <summary>The channel's subscriptions on the drained edge right after it exited.</summary>
    internal IReadOnlyList<Subscription> DrainedEdgeEntriesAtExit { get; private set; } = [];

    /// <summary>When the SIGTERM was sent, Unix milliseconds (the scenario's clock is this machine's too).</summary>
    internal long TerminatedAt { get; private set; }

    internal int? ExitCode { get; private set; }

    internal TimeSpan ExitTook { get; private set; }

    internal string? ExitError { get; private set; }

    internal DeliveryRecord Record { get; private set; } = null!;

    internal DeliveryVerdict Verdict { get; private set; } = null!;

    internal string ScenarioOutput { get; private set; } = string.Empty;

    internal static string DrainedEdge => Cluster.EdgeId(Drained);

    internal static string RemainingEdge => Cluster.EdgeId(1 - Drained);

    /// <summary>The members whose socket was on the drained edge when it got SIGTERM, with that socket.</summary>
    internal IReadOnlyList<(ClientRecord Client, SocketRecord Socket)> DrainedClients()
    {
        var onDrained = Before.Where(subscription => subscription.EdgeId == DrainedEdge).Select(subscription => subscription.ConnectionId).ToHashSet(StringComparer.Ordinal);
        return Record.Clients
            .SelectMany(client => client.Sockets.Select(socket => (Client: client, Socket: socket)))
            .Where(pair => pair.Socket.Events.Any(wire => wire.K == "connected" && wire.Client is not null && onDrained.Contains(wire.Client)))
            .ToList();
    }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(StartTimeout);
        Cluster = await Cluster.StartAsync(
                new ClusterOptions { EdgeSettings = new Dictionary<string, string?> { ["Edge__Drain__Window"] = Window.ToString("c", CultureInfo.InvariantCulture) } },
                cancellation.Token)
            .WaitAsync(StartTimeout);

        var recordPath = Path.Combine(Path.GetTempPath(), $"cm-drain-{Guid.NewGuid():N}.json");
        var environment = Cluster.ScenarioEnvironment();
        environment["CLASSROOM"] = "drain-" + Guid.NewGuid().ToString("N")[..8];
        environment["RECORD_PATH"] = recordPath;
        environment["MEMBERS"] = Invariant(Members);
        environment["PUBLISHERS"] = "2";
        environment["IN_FLIGHT"] = "1";
        environment["MESSAGES"] = "300";
        environment["BREAK_AT"] = "100";
        environment["AFTER_BREAK"] = "100";
        environment["PLACEMENT"] = "split";
        environment["ACTION"] = "external";
        environment["SETTLE_MS"] = "30000";
        try
        {
            await using var scenario = NodeScenario.Start("guarantee.mjs", environment);
            try
            {
                var subscribed = await scenario.CheckpointAsync("subscribed", NodeScenario.DefaultTimeout);
                Channel = subscribed.GetProperty("channel").GetString()!;
                await scenario.CheckpointAsync("burst", NodeScenario.DefaultTimeout);
                Before = await Cluster.ChannelSubscriptionsAsync(Channel, CancellationToken.None);
                await DrainAsync();
                await scenario.ContinueAsync().WaitAsync(TimeSpan.FromSeconds(10));
                await scenario.ResultAsync(ScenarioTimeout);
            }
            finally
            {
                ScenarioOutput = scenario.Output;
            }

            Record = JsonSerializer.Deserialize<DeliveryRecord>(await File.ReadAllTextAsync(recordPath), JsonDefaults.Web)
                ?? throw new InvalidOperationException("guarantee.mjs wrote an empty record");
            Verdict = DeliveryHistoryChecker.Check(Record);
        }
        catch (Exception failure) when (failure is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"the drain run did not finish: {failure.Message}\nscenario output:\n{ScenarioOutput}\n{Cluster.OutputTails(25)}", failure);
        }
        finally
        {
            File.Delete(recordPath);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }

    internal string Describe() =>
        $"""
        registry before: {Before.Describe()}
        registry after: {After.Describe()} {MoveError}
        exit: code {ExitCode} after {ExitTook} {ExitError}
        {Verdict?.Describe()}
        settle error: {Record?.SettleError}
        scenario output:
        {ScenarioOutput}
        {Cluster.OutputTails(15)}
        """;

    private async Task DrainAsync()
    {
        TerminatedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var clock = Stopwatch.StartNew();
        Cluster.TerminateEdge(Drained);
        try
        {
            ExitCode = await Cluster.EdgeExitAsync(Drained, GracePeriod + TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException timeout)
        {
            ExitError = timeout.Message;
        }

        ExitTook = clock.Elapsed;
        LeasesAtExit = (await Cluster.Registry.ListEdgeLeasesAsync(new ListEdgeLeasesRequest(), deadline: DateTime.UtcNow.AddSeconds(5))).Leases.Select(lease => lease.EdgeId).ToList();
        DrainedEdgeEntriesAtExit = (await Cluster.ChannelSubscriptionsAsync(Channel, CancellationToken.None)).Where(subscription => subscription.EdgeId == DrainedEdge).ToList();
        try
        {
            await Eventually.HoldsAsync(
                async () =>
                {
                    After = await Cluster.ChannelSubscriptionsAsync(Channel, CancellationToken.None);
                    return After.Count == Members && After.All(subscription => subscription.EdgeId == RemainingEdge);
                },
                MoveTimeout,
                $"every member is subscribed on {RemainingEdge}",
                TimeSpan.FromMilliseconds(100));
        }
        catch (TimeoutException timeout)
        {
            MoveError = timeout.Message;
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
