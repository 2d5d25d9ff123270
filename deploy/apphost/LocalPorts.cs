using System.Globalization;

namespace Classroom.Micro.AppHost;

/// <summary>The fixed loopback ports of the local run (docs/architecture.md), in one place.</summary>
internal static class LocalPorts
{
    /// <summary>Not 6379, so a distribution's own redis-server (started by its package) does not clash.</summary>
    public const int Redis = 6380;

    public const int AuthHttp = 7100;
    public const int AuthGrpc = 7101;
    public const int RegistryHttp = 7200;
    public const int RegistryGrpc = 7201;
    public const int ApiHttp = 7500;
    public const int ApiGrpc = 7501;
    public const int GatewayHttp = 8000;

    public static IReadOnlyList<(string Name, int Http, int Grpc)> Fanouts { get; } = [("fanout-1", 7300, 7301), ("fanout-2", 7310, 7311)];

    /// <summary>Each edge's HTTP/1.1 port (WebSockets) and HTTP/2 port (metrics over HTTP/2).</summary>
    public static IReadOnlyList<(string Name, int Http, int Grpc)> Edges { get; } = [("edge-1", 7400, 7401), ("edge-2", 7410, 7411)];

    public static string Loopback(int port) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
}
