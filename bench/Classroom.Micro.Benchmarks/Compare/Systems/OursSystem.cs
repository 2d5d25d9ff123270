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

    /// <summary>True when members connect through the gateway, false when straight to the edges.</summary>
    public bool ViaGateway => _viaGateway;

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
        if (!_viaGateway)
        {
            return CreateClientOnEdge(member % EdgeCount, classroom, member, onStroke);
        }

        var address = new UriBuilder(new Uri(_cluster.GatewayUrl, "/connection/websocket")) { Scheme = "ws", Query = "classroom=" + Uri.EscapeDataString(classroom) };
        return new CentrifugoStrokeClient(address.Uri, Token(classroom, member), onStroke);
    }

    /// <summary>How many edges the cluster runs.</summary>
    public int EdgeCount => _cluster.EdgeUrls.Count;

    /// <summary>A client of member <paramref name="member"/> straight to edge <paramref name="edge"/>, recovering from <paramref name="resumeFrom"/> when set.</summary>
    public CentrifugoStrokeClient CreateClientOnEdge(int edge, string classroom, int member, StrokeDelivery onStroke, ResumePosition? resumeFrom = null)
    {
        var address = new UriBuilder(new Uri(_cluster.EdgeUrls[edge], "/connection/websocket")) { Scheme = "ws" };
        return new CentrifugoStrokeClient(address.Uri, Token(classroom, member), onStroke, resumeFrom);
    }

    /// <summary>Ends edge <paramref name="edge"/> with SIGKILL: no drain, no goodbye to the registry.</summary>
    public void KillEdgeHard(int edge) => _cluster.KillEdgeHard(edge);

    /// <summary>Registry subscriptions of <paramref name="channels"/> still held by edge <paramref name="edge"/>.</summary>
    public async Task<int> SubscriptionsHeldByAsync(int edge, IEnumerable<string> channels, CancellationToken cancellationToken)
    {
        var edgeId = _cluster.EdgeIds[edge];
        var held = 0;
        foreach (var channel in channels)
        {
            held += (await _cluster.ChannelSubscriptionsAsync(channel, cancellationToken)).Count(subscription => subscription.EdgeId == edgeId);
        }

        return held;
    }

    /// <summary>The longest a dead edge's registry entries may outlive it: its lease's time to live and one sweep.</summary>
    public static TimeSpan LeaseBound => Cluster.LeaseBound;

    public override string OutputTails() => _cluster.OutputTails();

    private string Token(string classroom, int member) => _tokens[(classroom, member == 0)];

    /// <summary>Closes the statistics connection; the cluster is its owner's to stop.</summary>
    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}
