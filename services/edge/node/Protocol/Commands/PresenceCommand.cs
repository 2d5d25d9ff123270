namespace Classroom.Micro.Edge.Protocol;

/// <summary><c>presence {channel}</c>; the channel is never empty.</summary>
internal sealed record PresenceCommand(uint Id, string Channel) : ClientCommand(Id);
