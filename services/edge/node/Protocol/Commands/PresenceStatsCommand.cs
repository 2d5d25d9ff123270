namespace Classroom.Micro.Edge.Protocol;

/// <summary><c>presence_stats {channel}</c>; the channel is never empty.</summary>
internal sealed record PresenceStatsCommand(uint Id, string Channel) : ClientCommand(Id);
