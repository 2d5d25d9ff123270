using System.Globalization;
using System.Net;
using Classroom.Micro.Gateway.Balancing;
using Classroom.Micro.Gateway.Health;
using Classroom.Micro.ServiceDefaults.Health;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;

namespace Classroom.Micro.Gateway.Routing;

/// <summary>The one place the gateway's routes and clusters are built from <see cref="GatewayOptions"/> and the edge pool.</summary>
internal static class ProxyConfigFactory
{
    public const string EdgesCluster = "edges";
    public const string AuthCluster = "auth";
    public const string ApiCluster = "api";
    public const string WebSocketPath = "/connection/websocket";
    public const string HttpStreamPath = "/connection/http_stream";
    public const string SsePath = "/connection/sse";
    public const string ConnectionPathPrefix = "/connection";
    public const string EmulationPath = "/emulation";
    public const string DevTokenPath = "/dev/token";
    public const string ServerApiPath = "/api/{**catch-all}";

    private const string ConsecutiveFailuresPolicy = "ConsecutiveFailures";

    /// <summary>A dead destination leaves the pool after this many failed probes in a row.</summary>
    private const int FailedProbesThreshold = 2;

    /// <summary>The server API through the gateway, only with <see cref="GatewayOptions.ExposeServerApi"/>.</summary>
    private static readonly RouteConfig ServerApiRoute = new()
    {
        RouteId = "server-api",
        ClusterId = ApiCluster,
        // The server API is its own service (services/edge/api). All HTTP methods go through, so it answers 405 itself.
        Match = new RouteMatch { Path = ServerApiPath },
    };

    private static readonly IReadOnlyList<RouteConfig> PublicRoutes =
    [
        new RouteConfig
        {
            RouteId = "websocket",
            ClusterId = EdgesCluster,
            // YARP forwards the upgrade and the query string (the classroom the balancer hashes) as they are.
            Match = new RouteMatch { Path = WebSocketPath },
        },
        // The WebSocket fallbacks route like the WebSocket (the classroom in the query). YARP streams responses as they
        // come, flushing each write; the server's pings keep the stream active well inside YARP's activity timeout.
        new RouteConfig
        {
            RouteId = "http-stream",
            ClusterId = EdgesCluster,
            Match = new RouteMatch { Path = HttpStreamPath, Methods = [HttpMethods.Post] },
        },
        new RouteConfig
        {
            RouteId = "sse",
            ClusterId = EdgesCluster,
            Match = new RouteMatch { Path = SsePath, Methods = [HttpMethods.Get] },
        },
        new RouteConfig
        {
            RouteId = "emulation",
            ClusterId = EdgesCluster,
            // Routed by the body's node to the edge holding the session (Emulation/EmulationRouting), never by balance.
            Match = new RouteMatch { Path = EmulationPath, Methods = [HttpMethods.Post] },
        },
        new RouteConfig
        {
            RouteId = "dev-token",
            ClusterId = AuthCluster,
            // Auth alone decides whether dev tokens exist: it answers 404 when they are disabled.
            Match = new RouteMatch { Path = DevTokenPath, Methods = [HttpMethods.Post] },
        },
    ];

    /// <summary>The connection routes (<c>/connection/*</c>) whose forwarded requests carry the chosen edge's node token.</summary>
    public static bool IsConnectionRoute(string routeId) => routeId is "websocket" or "http-stream" or "sse";

    /// <summary>Whether <paramref name="path"/> opens a connection or carries a connection's commands (origin-checked).</summary>
    public static bool IsConnectionPath(PathString path) =>
        path.StartsWithSegments(ConnectionPathPrefix, StringComparison.OrdinalIgnoreCase)
        || path.Equals(EmulationPath, StringComparison.OrdinalIgnoreCase);

    /// <remarks>
    /// The web app is not a route: static files are served by middleware before the proxy (see <c>StaticSite/</c>).
    /// </remarks>
    public static IReadOnlyList<RouteConfig> Routes(GatewayOptions options) =>
        options.ExposeServerApi ? [.. PublicRoutes, ServerApiRoute] : PublicRoutes;

    /// <summary>The edges cluster with <paramref name="edges"/> (discovery's current pool), the auth cluster and the server API's.</summary>
    public static IReadOnlyList<ClusterConfig> Clusters(GatewayOptions options, IReadOnlyList<Uri> edges) =>
    [
        Cluster(EdgesCluster, ClassroomAffinityPolicy.PolicyName, edges, options),
        Cluster(AuthCluster, loadBalancingPolicy: null, [options.AuthAddress], options),
        Cluster(ApiCluster, loadBalancingPolicy: null, [options.ApiAddress], options),
    ];

    /// <summary>The configured edge pool entries (addresses or <c>dns:///name:port</c>), or the local default when none is configured.</summary>
    public static IReadOnlyList<Uri> EffectiveEdgeAddresses(GatewayOptions options) =>
        options.EdgeAddresses.Count > 0 ? options.EdgeAddresses : [GatewayOptions.DefaultEdgeAddress];

    private static ClusterConfig Cluster(string clusterId, string? loadBalancingPolicy, IReadOnlyList<Uri> addresses, GatewayOptions options) => new()
    {
        ClusterId = clusterId,
        LoadBalancingPolicy = loadBalancingPolicy,
        // The address itself is the destination id: rendezvous weights then depend only on where an edge is,
        // not on its position in the list, so every gateway replica makes the same choice.
        Destinations = addresses.ToDictionary(
            address => address.AbsoluteUri,
            address => new DestinationConfig { Address = address.AbsoluteUri },
            StringComparer.Ordinal),
        HealthCheck = new HealthCheckConfig
        {
            // When every destination is unhealthy, trying them beats a certain 503: auth mints tokens without Redis, and an
            // unready edge still answers in protocol terms (a draining one refuses new sockets itself).
            AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = options.HealthCheckInterval,
                Timeout = options.HealthCheckTimeout,
                Policy = ConsecutiveFailuresPolicy,
                Path = HealthExtensions.ReadyPath,
            },
            Passive = new PassiveHealthCheckConfig
            {
                Enabled = true,
                Policy = DestinationFaultPolicy.PolicyName,
                ReactivationPeriod = options.PassiveReactivationPeriod,
            },
        },
        Metadata = new Dictionary<string, string>
        {
            [ConsecutiveFailuresHealthPolicyOptions.ThresholdMetadataName] = FailedProbesThreshold.ToString(CultureInfo.InvariantCulture),
        },
        // Edges, auth and the server API speak HTTP/1.1 on these endpoints (WebSockets need it).
        HttpRequest = new ForwarderRequestConfig
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        },
    };
}
