using Classroom.Micro.AppHost;

// The local run of docs/architecture.md: every process on loopback, on the documented ports, no containers.
var builder = DistributedApplication.CreateBuilder(args);
var repository = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));

var redis = builder.AddLocalRedis("redis", LocalPorts.Redis, Path.Combine(repository, ".data", "redis"));
var redisConfiguration = $"127.0.0.1:{LocalPorts.Redis}";

// /dev/token needs both the Development environment and this explicit opt-in; auth's appsettings.Development.json
// holds the development-only HS256 secret (never published into an image).
// Auth keeps moderation state (mutes, kicks) in Redis and asks the registry who is in class.
var auth = builder.AddService<Projects.Classroom_Micro_Auth>("auth", LocalPorts.AuthHttp, LocalPorts.AuthGrpc)
    .WithInternalIdentity("auth")
    .WithEnvironment("Auth__DevTokens__Enabled", "true")
    .WithEnvironment("Redis__Configuration", redisConfiguration)
    .WithEnvironment("Auth__RegistryAddress", LocalPorts.Loopback(LocalPorts.RegistryGrpc))
    .WaitFor(redis);

var fanouts = LocalPorts.Fanouts
    .Select(fanout => builder.AddService<Projects.Classroom_Micro_Fanout>(fanout.Name, fanout.Http, fanout.Grpc)
        .WithInternalIdentity("fanout")
        .WithEnvironment("Redis__Configuration", redisConfiguration)
        .WaitFor(redis))
    .ToList();

var registry = builder.AddService<Projects.Classroom_Micro_Registry>("registry", LocalPorts.RegistryHttp, LocalPorts.RegistryGrpc)
    .WithInternalIdentity("registry")
    .WithEnvironment("Redis__Configuration", redisConfiguration)
    .WaitFor(redis);
for (var i = 0; i < LocalPorts.Fanouts.Count; i++)
{
    // The registry announces leaves of a dead edge's connections through the fanout replicas.
    registry.WithEnvironment($"Registry__FanoutAddresses__{i}", LocalPorts.Loopback(LocalPorts.Fanouts[i].Grpc));
}

foreach (var edge in LocalPorts.Edges)
{
    var node = builder.AddService<Projects.Classroom_Micro_Edge>(edge.Name, edge.Http, edge.Grpc)
        .WithInternalIdentity("edge")
        .WithEnvironment("Edge__NodeId", edge.Name)
        .WithEnvironment("Edge__AuthAddress", LocalPorts.Loopback(LocalPorts.AuthGrpc))
        .WithEnvironment("Edge__RegistryAddress", LocalPorts.Loopback(LocalPorts.RegistryGrpc))
        .WaitFor(auth)
        .WaitFor(registry);
    for (var i = 0; i < fanouts.Count; i++)
    {
        node.WithEnvironment($"Edge__FanoutAddresses__{i}", LocalPorts.Loopback(LocalPorts.Fanouts[i].Grpc)).WaitFor(fanouts[i]);
    }
}

// The server API: its own service, a client of the registry and of the fanout replicas.
var api = builder.AddService<Projects.Classroom_Micro_Api>("api", LocalPorts.ApiHttp, LocalPorts.ApiGrpc)
    .WithInternalIdentity("api")
    // The server API's development-only key (scripts/run prints it); a real deployment sets its own secret.
    .WithEnvironment("Api__Keys__0", "dev-api-key-local-runs-only-0123456789")
    .WithEnvironment("Api__RegistryAddress", LocalPorts.Loopback(LocalPorts.RegistryGrpc))
    .WaitFor(registry);
for (var i = 0; i < fanouts.Count; i++)
{
    api.WithEnvironment($"Api__FanoutAddresses__{i}", LocalPorts.Loopback(LocalPorts.Fanouts[i].Grpc)).WaitFor(fanouts[i]);
}

var gateway = builder.AddService<Projects.Classroom_Micro_Gateway>("gateway", LocalPorts.GatewayHttp)
    .WithEnvironment("Gateway__AuthAddress", LocalPorts.Loopback(LocalPorts.AuthHttp))
    // The local run serves the server API at http://127.0.0.1:8000/api, as the README shows; the chart does not.
    .WithEnvironment("Gateway__ExposeServerApi", "true")
    .WithEnvironment("Gateway__ApiAddress", LocalPorts.Loopback(LocalPorts.ApiHttp))
    // Not WaitFor(edges): the gateway's own health checks take edges in and out of the pool as they come and go.
    .WaitFor(auth);
for (var i = 0; i < LocalPorts.Edges.Count; i++)
{
    gateway.WithEnvironment($"Gateway__EdgeAddresses__{i}", LocalPorts.Loopback(LocalPorts.Edges[i].Http));
}

builder.Build().Run();
