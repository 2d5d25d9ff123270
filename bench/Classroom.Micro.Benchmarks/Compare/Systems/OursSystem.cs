using System.Collections.Concurrent;
using Classroom.Micro.Benchmarks.Compare.Clients;
using Classroom.Micro.Benchmarks.Protocol;
using Classroom.Micro.Benchmarks.Target;
using Classroom.Micro.Testing.Cluster;
using StackExchange.Redis;

namespace Classroom.Micro.Benchmarks.Compare.Systems;

/// <summary>
/// Classroom.Micro on a cluster of its own (shared by both of ours' rows): members connect to the edges directly,
/// alternating between the two as peers' members alternate between their two servers, or through the gateway with
/// <c>?classroom=</c> as the web app connects (the gateway then keeps a classroom on one edge).
/// </summary>
internal sealed class OursSystem : ComparedSystem, IAsyncDisposable
{
    private readonly Cluster _cluster;
    private readonly bool _viaGateway;
    private readonly ConnectionMultiplexer _redis;
    private readonly ConcurrentDictionary<(string Classroom, bool Teacher), string> _tokens = new();

    private OursSystem(Cluster cluster, bool viaGateway, ConnectionMultiplexer redis, int redisPid)
    {
        _cluster = cluster;
        _viaGateway = viaGateway;
        _redis = redis;
        Servers = cluster.Pids
            .Where(service => viaGateway || service.Key != "gateway")
            .OrderBy(service => service.Key, StringComparer.Ordinal)
            .Select(service => new MonitoredService(service.Key, cluster.EdgeIds.Contains(service.Key), service.Value, cluster.HttpAddresses[service.Key]))
            .Append(new MonitoredService("redis-server", IsEdge: false, redisPid, HttpAddress: null))
            .ToList();
    }

    /// <summary>Ours on <paramref name="cluster"/>, with a connection of its own to the cluster's redis-server for its statistics.</summary>
    public static async Task<OursSystem> CreateAsync(Cluster cluster, bool viaGateway)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.Configuration + ",allowAdmin=true");
        return new OursSystem(cluster, viaGateway, redis, await RedisStats.ProcessIdAsync(redis));
    }

    public override string Name => _viaGateway ? "ours (gateway)" : "ours (edges)";

    public override string Description => _viaGateway
        ? "Classroom.Micro: gateway (YARP, `?classroom=` affinity) → 2 edges, 2 fanouts, registry, auth, one redis-server"
        : "Classroom.Micro: clients straight to the 2 edges (alternating), 2 fanouts, registry, auth, one redis-server";

    public override IReadOnlyList<MonitoredService> Servers { get; }

    public override IConnectionMultiplexer Redis => _redis;

    public override async Task PrepareAsync(IReadOnlyCollection<string> classrooms, CancellationToken cancellationToken)
    {
        // One teacher and one student token per classroom, shared by its members: minting is not what is measured.
        using var tokens = new DevTokenClient(_cluster.GatewayUrl);
        await Parallel.ForEachAsync(
            classrooms.SelectMany(classroom => new[] { (classroom, true), (classroom, false) }).Where(key => !_tokens.ContainsKey(key)),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (key, cancel) =>
            {
                var user = key.Item1 + (key.Item2 ? "-teacher" : "-student");
                _tokens[key] = await tokens.MintAsync(user, key.Item2 ? "teacher" : "student", key.Item1, cancel);
            });
    }

    public override StrokeClient CreateClient(string classroom, int member, StrokeDelivery onStroke)
    {
        var token = _tokens[(classroom, member == 0)];
        var server = _viaGateway ? _cluster.GatewayUrl : _cluster.EdgeUrls[member % _cluster.EdgeUrls.Count];
        var address = new UriBuilder(new Uri(server, "/connection/websocket")) { Scheme = "ws" };
        if (_viaGateway)
        {
            address.Query = "classroom=" + Uri.EscapeDataString(classroom);
        }

        return new CentrifugoStrokeClient(address.Uri, token, onStroke);
    }

    public override string OutputTails() => _cluster.OutputTails();

    /// <summary>Closes the statistics connection; the cluster is its owner's to stop.</summary>
    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}
