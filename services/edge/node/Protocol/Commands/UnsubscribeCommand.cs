namespace Classroom.Micro.Edge.Protocol;

/// <summary><c>unsubscribe {channel}</c>; the channel is never empty.</summary>
internal sealed record UnsubscribeCommand(uint Id, string Channel) : ClientCommand(Id);
