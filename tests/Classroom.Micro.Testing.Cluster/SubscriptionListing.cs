using Classroom.Micro.Registry.V1;

namespace Classroom.Micro.Testing.Cluster;

/// <summary>Registry subscriptions in one line, for assertion messages.</summary>
internal static class SubscriptionListing
{
    public static string Describe(this IEnumerable<Subscription> subscriptions) =>
        "[" + string.Join(", ", subscriptions.Select(subscription => $"{subscription.Channel}/{subscription.ConnectionId}@{subscription.EdgeId}")) + "]";
}
