namespace Classroom.Micro.ServiceDefaults.InternalPlane;

/// <summary>
/// The names services go by on the internal plane: each is a caller identity (the assertion's issuer) and, for the
/// services that serve gRPC, an audience. One place, so a typo in an allow list fails to compile.
/// </summary>
public static class InternalServices
{
    /// <summary>The edge nodes (connections, subscriptions, publishes).</summary>
    public const string Edge = "edge";

    /// <summary>The server API service.</summary>
    public const string Api = "api";

    /// <summary>The auth service.</summary>
    public const string Auth = "auth";

    /// <summary>The registry.</summary>
    public const string Registry = "registry";

    /// <summary>The fanout replicas.</summary>
    public const string Fanout = "fanout";

    /// <summary>Every identity, in the order the chart and the local run generate their keys.</summary>
    public static IReadOnlyList<string> All { get; } = [Edge, Api, Auth, Registry, Fanout];
}
