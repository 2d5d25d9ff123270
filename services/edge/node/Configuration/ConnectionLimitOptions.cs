using System.ComponentModel.DataAnnotations;

namespace Classroom.Micro.Edge.Configuration;

/// <summary>
/// How many connections one user and one client address may hold on one edge node. Bound from
/// <c>Edge:Connections</c> and validated at start. The counts are per edge, not cluster-wide: the gateway pins a
/// classroom to one edge, so a user's tabs and a school's NAT address mostly meet on one node, and an edge can refuse
/// at once without asking anyone.
/// </summary>
internal sealed class ConnectionLimitOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Edge:Connections";

    /// <summary>Connections one user may hold on this edge; the next connect closes with 3504 (connection limit).</summary>
    [Range(1, 1_000_000)]
    public int MaxPerUser { get; set; } = 100;

    /// <summary>
    /// Connections one client address may hold on this edge; the next connect closes with 3504. Generous: a whole
    /// school can sit behind one NAT address.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxPerAddress { get; set; } = 5000;
}
