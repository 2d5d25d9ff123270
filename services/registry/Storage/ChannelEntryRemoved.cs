using Classroom.Micro.Registry.Subscriptions;

namespace Classroom.Micro.Registry.Storage;

/// <summary>
/// Whether a channel entry was removed, whether its edge's route is gone, the lease generation it belonged to,
/// and the removed entry itself (so a sweep can tell the channel's other members who left).
/// </summary>
internal readonly record struct ChannelEntryRemoved(bool Removed, bool RouteRemoved, string Generation, ChannelSubscription? Entry);
