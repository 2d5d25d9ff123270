using System.Text.Json;
using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Classroom.Micro.Registry.V1;
using Classroom.Micro.Testing.Cluster;
using Classroom.Micro.Testing;

namespace Classroom.Micro.EndToEnd.Tests.Messaging;

/// <summary>
/// Runs <c>broadcast.mjs</c> once for all tests of <see cref="ClassroomBroadcastTests"/>: each test asserts one
/// behaviour of the same run, which takes the bulk of the time.
/// </summary>
public sealed class BroadcastRun
{
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private Task<BroadcastOutcome>? _outcome;

    internal Task<BroadcastOutcome> GetAsync(Cluster cluster)
    {
        lock (_gate)
        {
            return _outcome ??= RunAsync(cluster);
        }
    }

    private static async Task<BroadcastOutcome> RunAsync(Cluster cluster)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var classroomA = "bcast-a-" + suffix;
        var classroomB = "bcast-b-" + suffix;
        var environment = cluster.ScenarioEnvironment();
        environment["CLASSROOM_A"] = classroomA;
        environment["CLASSROOM_B"] = classroomB;
        environment["MESSAGES_PER_PUBLISHER"] = "50";

        await using var scenario = NodeScenario.Start("broadcast.mjs", environment);
        using var cancellation = new CancellationTokenSource(NodeScenario.DefaultTimeout);

        var subscribed = await scenario.CheckpointAsync("subscribed", NodeScenario.DefaultTimeout);
        var clients = subscribed.GetProperty("clients").Deserialize<Dictionary<string, string>>(JsonDefaults.Web)!;
        var onA = await cluster.ChannelSubscriptionsAsync("classroom:" + classroomA, cancellation.Token).WaitAsync(cancellation.Token);
        var onB = await cluster.ChannelSubscriptionsAsync("classroom:" + classroomB, cancellation.Token).WaitAsync(cancellation.Token);

        await scenario.ContinueAsync().WaitAsync(cancellation.Token);
        var result = await scenario.ResultAsync<BroadcastResult>(NodeScenario.DefaultTimeout);
        var output = scenario.Output;

        IReadOnlyList<Subscription> leftover = [];
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                leftover = [
                    .. await cluster.ChannelSubscriptionsAsync("classroom:" + classroomA, cancellation.Token),
                    .. await cluster.ChannelSubscriptionsAsync("classroom:" + classroomB, cancellation.Token),
                ];
                return leftover.Count == 0;
            }, CleanupTimeout, "the registry forgets the broadcast's subscriptions");
        }
        catch (TimeoutException)
        {
            // Reported by the cleanup test; the other behaviours of the run still get asserted.
        }

        return new BroadcastOutcome(classroomA, classroomB, clients, onA, onB, result, leftover, output);
    }
}
