using System.Globalization;
using Classroom.Micro.Testing.Cluster;

namespace Classroom.Micro.Benchmarks.Target;

/// <summary>
/// The system under load: a cluster the benchmark starts itself (through the shared harness: Redis, auth, registry,
/// two fanouts, two edges and the gateway as real processes on loopback), or one already running behind a gateway.
/// </summary>
internal sealed class BenchmarkTarget : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly Cluster? _cluster;

    private BenchmarkTarget(Uri gateway, IReadOnlyList<MonitoredService> services, string description, Cluster? cluster)
    {
        Gateway = gateway;
        Services = services;
        Description = description;
        _cluster = cluster;
    }

    /// <summary>The gateway's base address: where clients connect and tokens come from.</summary>
    public Uri Gateway { get; }

    /// <summary>The services whose memory is sampled.</summary>
    public IReadOnlyList<MonitoredService> Services { get; }

    /// <summary>One line for the report.</summary>
    public string Description { get; }

    /// <summary>Starts a cluster of its own and waits until every service is ready.</summary>
    public static async Task<BenchmarkTarget> StartClusterAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        var cluster = await Cluster.StartAsync(timeout.Token);
        // Every service of the cluster, edges first: memory and CPU are reported for each.
        var services = cluster.Pids.Keys
            .OrderBy(name => cluster.EdgeIds.Contains(name) ? 0 : 1)
            .ThenBy(name => name, StringComparer.Ordinal)
            .Select(name => new MonitoredService(name, cluster.EdgeIds.Contains(name), cluster.Pids[name], cluster.HttpAddresses[name]))
            .ToList();
        var description = string.Create(
            CultureInfo.InvariantCulture,
            $"own cluster on loopback ({ServiceBinaries.Configuration}): redis-server, auth, registry, 2 fanouts, {cluster.EdgeIds.Count} edges, gateway");
        return new BenchmarkTarget(cluster.GatewayUrl, services, description, cluster);
    }

    /// <summary>A running cluster behind <paramref name="gateway"/>; edge memory comes from <paramref name="edges"/>' <c>/metrics</c>.</summary>
    public static BenchmarkTarget Existing(Uri gateway, IReadOnlyList<Uri> edges)
    {
        var services = edges
            .Select((edge, index) => new MonitoredService(string.Create(CultureInfo.InvariantCulture, $"edge-{index}"), IsEdge: true, Pid: null, edge))
            .ToList();
        return new BenchmarkTarget(gateway, services, "running cluster behind " + gateway, cluster: null);
    }

    /// <summary>The last output of every service the benchmark started, for failure messages.</summary>
    public string OutputTails() => _cluster?.OutputTails() ?? string.Empty;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
