using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Classroom.Micro.Registry.V1;
using Classroom.Micro.ServiceDefaults.InternalPlane;
using Grpc.Net.Client;
using StackExchange.Redis;

namespace Classroom.Micro.Testing.Cluster;

/// <summary>
/// A real multi-process Classroom.Micro cluster on loopback: redis-server, auth, registry, two fanout replicas,
/// two edges and the gateway, each on free ports. Disposing it stops every process it started.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    /// <summary>How long the registry keeps an edge's lease after its last renewal (short, so crash tests are quick).</summary>
    public static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(4);

    /// <summary>How often the registry sweeps lapsed leases.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>How often services look their peers' DNS names up again.</summary>
    private const string DiscoveryRefresh = "00:00:01";

    /// <summary>A killed edge's subscriptions are gone from the registry at most this long after the kill.</summary>
    public static TimeSpan LeaseBound => LeaseTtl + SweepInterval;

    private const int EdgeCount = 2;
    private const int FanoutCount = 2;

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IClusterRedis _redis;
    private readonly ClusterOptions _options;
    private readonly List<ServiceProcess> _services = [];
    private readonly List<ServiceProcess> _edges = [];
    private readonly List<Uri> _edgeGrpcUrls = [];
    private readonly List<ServiceProcess> _fanouts = [];
    private readonly Dictionary<string, Uri> _internalGrpcUrls = [];
    private GrpcChannel? _registryChannel;
    private readonly List<ServiceProcess> _gateways = [];
    private ServiceProcess? _api;
    private Uri? _apiGrpcUrl;

    private Cluster(IClusterRedis redis, ClusterOptions options)
    {
        _redis = redis;
        _options = options;
    }

    /// <summary>The gateway's base address: the one clients use.</summary>
    public Uri GatewayUrl => _gateways[0].HttpAddress;

    /// <summary>Every gateway replica's base address (<see cref="ClusterOptions.GatewayCount"/>), the first being <see cref="GatewayUrl"/>.</summary>
    public IReadOnlyList<Uri> GatewayUrls => _gateways.Select(gateway => gateway.HttpAddress).ToList();

    /// <summary>Each edge's base address, by edge index.</summary>
    public IReadOnlyList<Uri> EdgeUrls => _edges.Select(edge => edge.HttpAddress).ToList();

    /// <summary>The server API service's HTTP/1.1 base address (<c>/api/&lt;method&gt;</c>).</summary>
    public Uri ApiUrl => _api!.HttpAddress;

    /// <summary>The server API service's gRPC endpoint (<c>classroom.api.v1.ServerApi</c>).</summary>
    public Uri ApiGrpcUrl => _apiGrpcUrl!;

    /// <summary>Each edge's gRPC endpoint (metrics over HTTP/2), by edge index.</summary>
    public IReadOnlyList<Uri> EdgeGrpcUrls => _edgeGrpcUrls;

    /// <summary>Each edge's node id (<c>Edge:NodeId</c>), by edge index.</summary>
    public IReadOnlyList<string> EdgeIds { get; } = Enumerable.Range(0, EdgeCount).Select(EdgeId).ToList();

    /// <summary>Process ids by service name (<c>auth</c>, <c>registry</c>, <c>fanout-0</c>, <c>edge-1</c>, <c>gateway</c>…).</summary>
    public IReadOnlyDictionary<string, int> Pids => _services.ToDictionary(service => service.Name, service => service.Pid);

    /// <summary>The HS256 secret auth signs and checks tokens with (scenarios craft bad tokens with it).</summary>
    public string Hs256Secret { get; } = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 48);

    /// <summary>The key the server API service accepts (<c>Api:Keys:0</c>), fresh per cluster.</summary>
    public string ApiKey { get; } = "api-" + RandomNumberGenerator.GetHexString(32, lowercase: true);

    /// <summary>The prefix of every key the registry and fanout write.</summary>
    public string RedisKeyPrefix { get; } = RedisServer.UniquePrefix();

    /// <summary>A connection to the cluster's Redis, for assertions.</summary>
    public IConnectionMultiplexer Redis => _redis.Connection;

    /// <summary>
    /// The gRPC endpoints of auth, the registry and every fanout replica, by service name, for calls made as no one
    /// or as a chosen identity (<see cref="TestInternalIdentities"/>).
    /// </summary>
    public IReadOnlyDictionary<string, Uri> InternalGrpcUrls => _internalGrpcUrls;

    /// <summary>A client of the registry's gRPC service.</summary>
    public RegistryService.RegistryServiceClient Registry { get; private set; } = null!;

    /// <summary>Starts every process and waits until each reports ready; on failure stops what it started.</summary>
    public static Task<Cluster> StartAsync(CancellationToken cancellationToken) => StartAsync(new ClusterOptions(), cancellationToken);

    /// <summary>Starts a cluster built as <paramref name="options"/> say; on failure stops what it started.</summary>
    public static async Task<Cluster> StartAsync(ClusterOptions options, CancellationToken cancellationToken)
    {
        IClusterRedis redis = options.Sentinel ? await SentinelRedis.StartAsync() : await StandaloneRedis.StartAsync();
        var cluster = new Cluster(redis, options);
        try
        {
            await cluster.StartServicesAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The node id of edge <paramref name="index"/>.</summary>
    public static string EdgeId(int index) => string.Create(CultureInfo.InvariantCulture, $"edge-{index}");

    /// <summary>kill -9 of edge <paramref name="index"/>: no graceful shutdown, its lease lapses on its own.</summary>
    public void KillEdgeHard(int index) => _edges[index].KillHard();

    /// <summary>SIGTERM to edge <paramref name="index"/>: it drains (readiness fails, clients leave with 3001) and exits by itself.</summary>
    public void TerminateEdge(int index) => _edges[index].Terminate();

    /// <summary>Waits for edge <paramref name="index"/> to exit on its own and returns its exit code.</summary>
    public Task<int> EdgeExitAsync(int index, TimeSpan timeout) => _edges[index].WaitForExitAsync(timeout);

    /// <summary>Everything each service wrote to stdout and stderr so far (its last 5000 lines), by service name.</summary>
    public IReadOnlyDictionary<string, string> Outputs => _services.ToDictionary(service => service.Name, service => service.Output);

    /// <summary>Each service's HTTP/1.1 base address (health, <c>/metrics</c>), by service name.</summary>
    public IReadOnlyDictionary<string, Uri> HttpAddresses => _services.ToDictionary(service => service.Name, service => service.HttpAddress);

    /// <summary>kill -9 of fanout replica <paramref name="index"/>: its in-flight publishes and queued deliveries are lost.</summary>
    public void KillFanoutHard(int index) => _fanouts[index].KillHard();

    /// <summary>Stops the (standalone) Redis and starts an empty one on the same port: every stream and registry entry is gone.</summary>
    public Task RestartRedisEmptyAsync() => _redis is StandaloneRedis standalone
        ? standalone.RestartEmptyAsync()
        : throw new InvalidOperationException("RestartRedisEmptyAsync needs a cluster with a standalone Redis.");

    /// <summary>The Sentinel deployment of a cluster started with <see cref="ClusterOptions.Sentinel"/>.</summary>
    internal SentinelRedis Sentinel => _redis as SentinelRedis
        ?? throw new InvalidOperationException("This cluster was not started with Sentinel.");

    /// <summary>Asks <c>POST {gateway}/dev/token</c> for a connection token.</summary>
    public async Task<string> MintTokenAsync(string user, string name, string role, IReadOnlyList<string> classrooms, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(GatewayUrl, "/dev/token"), new DevTokenRequest(user, name, role, classrooms), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST /dev/token answered {(int)response.StatusCode}: {body}");
        }

        var token = JsonSerializer.Deserialize<DevTokenResponse>(body, Json)?.Token;
        return string.IsNullOrEmpty(token) ? throw new HttpRequestException("POST /dev/token answered without a token: " + body) : token;
    }

    /// <summary>The registry's subscriptions on <paramref name="channel"/>.</summary>
    public async Task<IReadOnlyList<Subscription>> ChannelSubscriptionsAsync(string channel, CancellationToken cancellationToken)
    {
        var reply = await Registry.ListChannelSubscriptionsAsync(new ListChannelSubscriptionsRequest { Channel = channel }, deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: cancellationToken);
        return reply.Subscriptions;
    }

    /// <summary>The edges the registry routes <paramref name="channel"/>'s deliveries to.</summary>
    public async Task<IReadOnlyList<ChannelRoute>> ChannelRoutesAsync(string channel, CancellationToken cancellationToken)
    {
        var reply = await Registry.ListChannelRoutesAsync(new ListChannelRoutesRequest { Channel = channel }, deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: cancellationToken);
        return reply.Routes;
    }

    /// <summary>The environment every Node scenario gets: where the cluster is.</summary>
    public Dictionary<string, string?> ScenarioEnvironment() => new()
    {
        ["GATEWAY_URL"] = GatewayUrl.ToString(),
        ["GATEWAY_URLS"] = string.Join(',', GatewayUrls),
        ["EDGE_URLS"] = string.Join(',', EdgeUrls),
        ["API_URL"] = ApiUrl.ToString(),
        ["RUN_ID"] = Guid.NewGuid().ToString("N")[..8],
    };

    /// <summary>The last output lines of every service, for failure messages.</summary>
    public string OutputTails(int lines = 20) =>
        string.Join("\n", _services.Select(service => $"--- {service.Name} (pid {service.Pid}{(service.HasExited ? ", exited" : string.Empty)}) ---\n{service.Tail(lines)}"))
        + "\n" + _redis.OutputTails();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _registryChannel?.Dispose();
        // Front to back, so no service sees its dependencies vanish before it does.
        for (var i = _services.Count - 1; i >= 0; i--)
        {
            await _services[i].DisposeAsync();
        }

        await _redis.DisposeAsync();
    }

    private async Task StartServicesAsync(CancellationToken cancellationToken)
    {
        var fanouts = Enumerable.Range(0, FanoutCount).Select(i =>
        {
            var settings = new Dictionary<string, string?>(_options.FanoutSettings)
            {
                ["Redis__Configuration"] = _redis.ServiceConfiguration,
                ["Redis__KeyPrefix"] = RedisKeyPrefix,
            };
            return GrpcService($"fanout-{i}", "services/fanout", "Classroom.Micro.Fanout", settings);
        }).ToList();
        _fanouts.AddRange(fanouts.Select(fanout => fanout.Service));
        var registrySettings = new Dictionary<string, string?>
        {
            ["Redis__Configuration"] = _redis.ServiceConfiguration,
            ["Redis__KeyPrefix"] = RedisKeyPrefix,
            ["Registry__LeaseTtl"] = LeaseTtl.ToString("c", CultureInfo.InvariantCulture),
            ["Registry__SweepInterval"] = SweepInterval.ToString("c", CultureInfo.InvariantCulture),
            ["Discovery__RefreshInterval"] = DiscoveryRefresh,
        };
        for (var f = 0; f < fanouts.Count; f++)
        {
            // The registry announces leaves of a dead edge's connections through the fanout replicas.
            registrySettings[string.Create(CultureInfo.InvariantCulture, $"Registry__FanoutAddresses__{f}")] = Discovered(fanouts[f].GrpcAddress);
        }

        var registry = GrpcService("registry", "services/registry", "Classroom.Micro.Registry", registrySettings);
        // Auth keeps moderation state (mutes, kicks) in Redis and asks the registry who is in class.
        var auth = GrpcService("auth", "services/auth", "Classroom.Micro.Auth", new()
        {
            ["Auth__Hs256Secret"] = Hs256Secret,
            // /dev/token is served only in Development and only when asked for explicitly.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Auth__DevTokens__Enabled"] = "true",
            ["Auth__RegistryAddress"] = registry.GrpcAddress.ToString(),
            ["Redis__Configuration"] = _redis.ServiceConfiguration,
            ["Redis__KeyPrefix"] = RedisKeyPrefix,
        });
        await WhenReadyAsync([auth.Service, registry.Service, .. fanouts.Select(fanout => fanout.Service)], cancellationToken);

        // The cluster's own registry client calls each method as the service that calls it in production.
        _registryChannel = GrpcChannel.ForAddress(registry.GrpcAddress, new GrpcChannelOptions
        {
            HttpHandler = TestInternalIdentities.Handler(InternalServices.Registry, new SocketsHttpHandler()),
            DisposeHttpClient = true,
        });
        Registry = new RegistryService.RegistryServiceClient(_registryChannel);

        for (var i = 0; i < EdgeCount; i++)
        {
            var port = FreePort.Next();
            var grpcPort = FreePort.Next();
            _edgeGrpcUrls.Add(new Uri(Loopback(grpcPort)));
            var settings = new Dictionary<string, string?>(_options.EdgeSettings)
            {
                ["Kestrel__Endpoints__Http__Url"] = Loopback(port),
                // The edge's own gRPC endpoint (server API) must not land on its fixed default port either.
                ["Kestrel__Endpoints__Grpc__Url"] = Loopback(grpcPort),
                ["Kestrel__Endpoints__Grpc__Protocols"] = "Http2",
                ["Edge__NodeId"] = EdgeId(i),
                // Tokens in the refresh scenarios live seconds: a short grace past expiry keeps those runs short.
                ["Edge__ExpiredCloseDelay"] = "00:00:02",
                ["Edge__AuthAddress"] = auth.GrpcAddress.ToString(),
                ["Edge__RegistryAddress"] = registry.GrpcAddress.ToString(),
                ["Discovery__RefreshInterval"] = DiscoveryRefresh,
            };
            for (var f = 0; f < fanouts.Count; f++)
            {
                settings[string.Create(CultureInfo.InvariantCulture, $"Edge__FanoutAddresses__{f}")] = Discovered(fanouts[f].GrpcAddress);
            }

            // Scenarios publish hundreds of messages from one connection as fast as the acks come back; the command
            // rate limit has its own test, on a cluster given the defaults through EdgeSettings.
            settings.TryAdd("Edge__Commands__RatePerSecond", "100000");
            settings.TryAdd("Edge__Commands__RateBurst", "100000");
            // Likewise the per-user rate, and the connection limits: benchmarks share a token among a class and
            // open thousands of connections from one address. The limits have their own tests (EdgeLimitTests).
            settings.TryAdd("Edge__Commands__UserRatePerSecond", "1000000");
            settings.TryAdd("Edge__Commands__UserRateBurst", "1000000");
            settings.TryAdd("Edge__Connections__MaxPerUser", "1000000");
            settings.TryAdd("Edge__Connections__MaxPerAddress", "1000000");

            _edges.Add(StartService(EdgeId(i), ServiceBinaries.Dll("services/edge/node", "Classroom.Micro.Edge"), port, settings));
        }

        // The server API: its own service, calling the registry and the fanout replicas like an edge does.
        var apiSettings = new Dictionary<string, string?>
        {
            ["Api__Keys__0"] = ApiKey,
            ["Api__RegistryAddress"] = registry.GrpcAddress.ToString(),
            ["Discovery__RefreshInterval"] = DiscoveryRefresh,
        };
        for (var f = 0; f < fanouts.Count; f++)
        {
            apiSettings[string.Create(CultureInfo.InvariantCulture, $"Api__FanoutAddresses__{f}")] = Discovered(fanouts[f].GrpcAddress);
        }

        var api = GrpcService("api", "services/edge/api", "Classroom.Micro.Api", apiSettings);
        (_api, _apiGrpcUrl) = (api.Service, api.GrpcAddress);

        await WhenReadyAsync([.. _edges, _api], cancellationToken);

        for (var g = 0; g < Math.Max(1, _options.GatewayCount); g++)
        {
            _gateways.Add(StartGateway(g == 0 ? "gateway" : string.Create(CultureInfo.InvariantCulture, $"gateway-{g}"), auth.Service.HttpAddress));
        }

        await WhenReadyAsync(_gateways, cancellationToken);
    }

    private ServiceProcess StartGateway(string name, Uri authAddress)
    {
        var gatewayPort = FreePort.Next();
        var gatewaySettings = new Dictionary<string, string?>(_options.GatewaySettings)
        {
            ["Kestrel__Endpoints__Http__Url"] = Loopback(gatewayPort),
            ["Gateway__AuthAddress"] = authAddress.ToString(),
            ["Gateway__HealthCheckInterval"] = "00:00:01",
            // The server API scenarios call it the way the README shows, through the gateway.
            ["Gateway__ExposeServerApi"] = "true",
            ["Gateway__ApiAddress"] = _api!.HttpAddress.ToString(),
            ["Discovery__RefreshInterval"] = DiscoveryRefresh,
        };
        // Benchmarks and scenarios open thousands of connections from one address; the per-address connect limit has
        // its own tests (Gateway.Tests, ConnectRateLimitTests), which start the gateway with its defaults.
        gatewaySettings.TryAdd("Gateway__ConnectRateBurst", "1000000");
        gatewaySettings.TryAdd("Gateway__ConnectRatePerSecond", "1000000");
        for (var i = 0; i < _edges.Count; i++)
        {
            gatewaySettings[string.Create(CultureInfo.InvariantCulture, $"Gateway__EdgeAddresses__{i}")] = Discovered(_edges[i].HttpAddress);
        }

        return StartService(name, ServiceBinaries.Dll("services/edge/gateway", "Classroom.Micro.Gateway"), gatewayPort, gatewaySettings);
    }

    /// <summary>
    /// A peer named the way the Helm chart names them, through DNS (<c>dns:///name:port</c>), so every end-to-end test
    /// runs the discovery path production runs; <c>localhost</c> resolves to the loopback address the peer listens on.
    /// </summary>
    private static string Discovered(Uri address) => $"dns:///localhost:{address.Port}";

    private (ServiceProcess Service, Uri GrpcAddress) GrpcService(string name, string projectFolder, string assemblyName, Dictionary<string, string?> settings)
    {
        var grpcPort = FreePort.Next();
        var httpPort = FreePort.Next();
        settings["Kestrel__Endpoints__Grpc__Url"] = Loopback(grpcPort);
        settings["Kestrel__Endpoints__Grpc__Protocols"] = "Http2";
        settings["Kestrel__Endpoints__Http__Url"] = Loopback(httpPort);
        settings["Kestrel__Endpoints__Http__Protocols"] = "Http1";
        var service = StartService(name, ServiceBinaries.Dll(projectFolder, assemblyName), httpPort, settings);
        _internalGrpcUrls[name] = new Uri(Loopback(grpcPort));
        return (service, new Uri(Loopback(grpcPort)));
    }

    /// <summary>Starts a service with its own settings plus <see cref="ClusterOptions.ServiceSettings"/> (its own win).</summary>
    private ServiceProcess StartService(string name, string dll, int httpPort, Dictionary<string, string?> settings)
    {
        // Each service signs its calls with its own identity's key and accepts every identity's public key; the gateway
        // calls no internal service and gets none.
        if (InternalServices.All.FirstOrDefault(identity => name == identity || name.StartsWith(identity + "-", StringComparison.Ordinal)) is { } identity)
        {
            foreach (var (key, value) in TestInternalIdentities.Settings(identity, separator: "__"))
            {
                settings.TryAdd(key, value);
            }
        }

        foreach (var (key, value) in _options.ServiceSettings)
        {
            settings.TryAdd(key, value);
        }

        return Track(ServiceProcess.Start(name, dll, httpPort, settings));
    }

    private ServiceProcess Track(ServiceProcess service)
    {
        _services.Add(service);
        return service;
    }

    private async Task WhenReadyAsync(IEnumerable<ServiceProcess> services, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(services.Select(service => service.WaitReadyAsync(cancellationToken)));
        }
        catch (Exception failure) when (failure is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"The cluster did not start: {failure.Message}\n{OutputTails()}", failure);
        }
    }

    private static string Loopback(int port) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");

    private sealed record DevTokenRequest(
        [property: JsonPropertyName("user")] string User,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("role")] string Role,
        [property: JsonPropertyName("classrooms")] IReadOnlyList<string> Classrooms);

    private sealed record DevTokenResponse([property: JsonPropertyName("token")] string? Token);
}
