using System.Reflection;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Subscriptions;
using Classroom.Micro.Registry.V1;

namespace Classroom.Micro.Edge.Leases;

/// <summary>
/// This edge's own numbers (connections, users, channels, subscriptions, start time, version), sent with every lease
/// heartbeat so that any edge answering the server API's <c>info</c> can report every live edge, not only itself.
/// </summary>
internal sealed class EdgeSelfReport(EdgeIdentity identity, SessionDirectory sessions, ChannelHubs hubs, TimeProvider time)
{
    private static readonly string BuildVersion =
        typeof(EdgeSelfReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(EdgeSelfReport).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    public string NodeId => identity.NodeId;

    /// <summary>The numbers as of now; cheap enough for every heartbeat (one pass over the local sessions).</summary>
    public EdgeStats Take()
    {
        var clients = 0;
        var subscriptions = 0;
        var users = new HashSet<string>(StringComparer.Ordinal);
        foreach (var session in sessions.All)
        {
            // A socket that has not connected yet (no principal) is not a client in Centrifugo's sense either.
            if (session.Identity is not { } principal || session.IsClosed)
            {
                continue;
            }

            clients++;
            users.Add(principal.UserId);
            subscriptions += session.Subscriptions.Count;
        }

        return new EdgeStats
        {
            NumClients = (uint)clients,
            NumUsers = (uint)users.Count,
            NumChannels = (uint)hubs.Count,
            NumSubs = (uint)subscriptions,
            StartedAtUnixMs = _startedAt.ToUnixTimeMilliseconds(),
            Version = BuildVersion,
            Name = identity.NodeId,
            ReportedAtUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
    }
}
