using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Classroom.Micro.Testing.Cluster;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Transports;

/// <summary>
/// A cluster with two gateway replicas (emulation requests must reach the edge holding the session from either), and
/// one run of <c>tests/e2e/transports.mjs</c> shared by the tests that assert on it.
/// </summary>
public sealed class TransportsFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly Lock _gate = new();
    private Task<(TransportsResult Result, string Output)>? _outcome;

    public Cluster Cluster { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(StartTimeout);
        Cluster = await Cluster.StartAsync(new ClusterOptions { GatewayCount = 2 }, cancellation.Token).WaitAsync(StartTimeout);
    }

    /// <summary>The scenario's result, run once.</summary>
    internal Task<(TransportsResult Result, string Output)> ScenarioAsync()
    {
        lock (_gate)
        {
            return _outcome ??= RunAsync(Cluster);
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

    private static async Task<(TransportsResult Result, string Output)> RunAsync(Cluster cluster)
    {
        var environment = cluster.ScenarioEnvironment();
        environment["CLASSROOM"] = "transports-" + Guid.NewGuid().ToString("N")[..8];
        await using var scenario = NodeScenario.Start("transports.mjs", environment);
        var result = await scenario.ResultAsync<TransportsResult>(NodeScenario.DefaultTimeout);
        return (result, scenario.Output);
    }
}
