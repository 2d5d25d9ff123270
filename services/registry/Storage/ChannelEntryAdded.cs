namespace Classroom.Micro.Registry.Storage;

/// <summary>Whether a channel entry was new, and whether its edge had no subscriber on the channel before.</summary>
internal readonly record struct ChannelEntryAdded(bool Created, bool RouteCreated);
