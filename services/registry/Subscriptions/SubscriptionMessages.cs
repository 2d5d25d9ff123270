using Classroom.Micro.Registry.V1;

namespace Classroom.Micro.Registry.Subscriptions;

/// <summary>
/// Maps the protobuf <see cref="Subscription"/> to the domain record. It is both the wire contract and the
/// stored form of an entry, so the gRPC boundary and the Redis store share this one mapping.
/// </summary>
internal static class SubscriptionMessages
{
    public static Subscription ToMessage(this ChannelSubscription subscription) => new()
    {
        ConnectionId = subscription.ConnectionId,
        UserId = subscription.UserId,
        Channel = subscription.Channel,
        ClassroomId = subscription.ClassroomId,
        EdgeId = subscription.EdgeId,
        Role = subscription.Role,
        ConnectedAtUnixMs = subscription.ConnectedAt.ToUnixTimeMilliseconds(),
        ConnInfoJson = subscription.ConnInfoJson,
        Name = subscription.Name,
    };

    /// <summary>The connection-level part of a subscription, as the registry's per-user index keeps it.</summary>
    public static Connection ToConnectionMessage(this ChannelSubscription subscription) => new()
    {
        ConnectionId = subscription.ConnectionId,
        UserId = subscription.UserId,
        EdgeId = subscription.EdgeId,
        ConnectedAtUnixMs = subscription.ConnectedAt.ToUnixTimeMilliseconds(),
        ConnInfoJson = subscription.ConnInfoJson,
        Role = subscription.Role,
        Name = subscription.Name,
    };

    public static ChannelSubscription ToDomain(this Subscription message) => new(
        message.ConnectionId,
        message.UserId,
        message.Channel,
        message.ClassroomId,
        message.EdgeId,
        message.Role,
        DateTimeOffset.FromUnixTimeMilliseconds(message.ConnectedAtUnixMs),
        message.ConnInfoJson,
        message.Name);
}
