namespace Classroom.Micro.Testing.Cluster;

/// <summary>How a <see cref="Cluster"/> is built: its Redis deployment and extra settings per service kind.</summary>
public sealed record ClusterOptions
{
    /// <summary>Redis behind Sentinel (primary, replica, three sentinels) instead of a single server.</summary>
    public bool Sentinel { get; init; }

    /// <summary>Extra environment for every fanout replica (e.g. <c>Fanout__Durability__ReplicaAcks</c>).</summary>
    public IReadOnlyDictionary<string, string?> FanoutSettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// Extra environment for every service, e.g. <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or log levels; a service's own
    /// settings (including <see cref="FanoutSettings"/> and <see cref="EdgeSettings"/>) take precedence.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ServiceSettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Extra environment for every edge.</summary>
    public IReadOnlyDictionary<string, string?> EdgeSettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// How many gateway replicas front the edges (each on its own port, all with the same edge pool); the first is
    /// <see cref="Cluster.GatewayUrl"/>, all are <see cref="Cluster.GatewayUrls"/>.
    /// </summary>
    public int GatewayCount { get; init; } = 1;

    /// <summary>Extra environment for every gateway.</summary>
    public IReadOnlyDictionary<string, string?> GatewaySettings { get; init; } = new Dictionary<string, string?>();
}
