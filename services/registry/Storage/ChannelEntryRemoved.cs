namespace Classroom.Micro.Registry.Storage;

/// <summary>Whether a channel entry was removed, whether its edge's route is gone, and the lease generation it belonged to.</summary>
internal readonly record struct ChannelEntryRemoved(bool Removed, bool RouteRemoved, string Generation);
