using System.Globalization;
using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Classroom.Micro.Testing.Cluster;

namespace Classroom.Micro.EndToEnd.Tests.Classroom;

/// <summary>
/// Runs <c>edge-loss.mjs</c> once for <see cref="EdgeLossTests"/> on a cluster of its own (an edge gets killed),
/// and stops that cluster when the class is done.
/// </summary>
public sealed class EdgeLossRun : IAsyncDisposable
{
    /// <summary>Polling and scheduling on a loaded two-core machine: the slack on top of the lease bound.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly Lock _gate = new();
    private Cluster? _cluster;
    private Task<EdgeLossOutcome>? _outcome;

    internal Task<EdgeLossOutcome> GetAsync()
    {
        lock (_gate)
        {
            return _outcome ??= RunAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_outcome is not null)
        {
            await ((Task)_outcome).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    private async Task<EdgeLossOutcome> RunAsync()
    {
        using var starting = new CancellationTokenSource(StartTimeout);
        _cluster = await Cluster.StartAsync(starting.Token).WaitAsync(StartTimeout);
        var cluster = _cluster;
        var environment = cluster.ScenarioEnvironment();
        environment["CLASSROOM"] = "edge-loss-" + Guid.NewGuid().ToString("N")[..8];
        environment["LEAVE_TIMEOUT_MS"] = ((long)(Cluster.LeaseBound + Margin).TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        await using var scenario = NodeScenario.Start("edge-loss.mjs", environment);

        var ready = await scenario.CheckpointAsync("ready", NodeScenario.DefaultTimeout);
        var killed = ready.GetProperty("killedEdge").GetString();
        var index = cluster.EdgeIds.ToList().IndexOf(killed ?? string.Empty);
        if (index < 0)
        {
            throw new InvalidOperationException($"the scenario names no edge of the cluster to kill: {ready}\n{scenario.Output}");
        }

        cluster.KillEdgeHard(index);
        await scenario.ContinueAsync().WaitAsync(TimeSpan.FromSeconds(5));
        try
        {
            var result = await scenario.ResultAsync<EdgeLossResult>(NodeScenario.DefaultTimeout);
            return new EdgeLossOutcome(result, scenario.Output);
        }
        catch (InvalidOperationException failure)
        {
            throw new InvalidOperationException($"{failure.Message}\n{cluster.OutputTails()}", failure);
        }
    }
}
