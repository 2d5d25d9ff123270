using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Configuration;

/// <summary>Who this edge node is: its unique id, as registered in the registry and announced to fanout.</summary>
internal sealed class EdgeIdentity(IOptions<EdgeOptions> options)
{
    /// <summary>The configured id, or a fresh one per process so a restarted edge never inherits a dead one's entries.</summary>
    public string NodeId { get; } = string.IsNullOrWhiteSpace(options.Value.NodeId)
        ? $"edge-{Environment.MachineName.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}"
        : options.Value.NodeId;
}
