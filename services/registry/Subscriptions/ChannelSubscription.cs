namespace Classroom.Micro.Registry.Subscriptions;

/// <summary>One connection subscribed to one channel, held by the socket of one edge node.</summary>
internal sealed record ChannelSubscription(
    string ConnectionId,
    string UserId,
    string Channel,
    string ClassroomId,
    string EdgeId,
    string Role,
    DateTimeOffset ConnectedAt,
    string ConnInfoJson,
    string Name);
