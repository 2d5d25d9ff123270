namespace Classroom.Micro.Edge.Draining;

/// <summary>How an edge leaves on SIGTERM. Bound from <c>Edge:Drain</c>.</summary>
public sealed class DrainOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Edge:Drain";

    /// <summary>
    /// Clients are disconnected with 3001 (reconnect) spread evenly over this window, so they do not all come
    /// back to the remaining edges at the same instant. The pod's grace period must exceed it.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(20);
}
