using Classroom.Micro.Registry.Subscriptions;

namespace Classroom.Micro.Registry.Presence;

/// <summary>
/// <c>presence_stats</c>, counted once here for clients (the edge) and the server (the api): distinct connections and
/// distinct users among a channel's subscriptions. A connection counts once however many entries it holds.
/// </summary>
internal readonly record struct PresenceCounts(int Clients, int Users)
{
    public static PresenceCounts Of(IReadOnlyCollection<ChannelSubscription> subscriptions)
    {
        var connections = new HashSet<string>(subscriptions.Count, StringComparer.Ordinal);
        var users = new HashSet<string>(StringComparer.Ordinal);
        foreach (var subscription in subscriptions)
        {
            connections.Add(subscription.ConnectionId);
            users.Add(subscription.UserId);
        }

        return new PresenceCounts(connections.Count, users.Count);
    }
}
