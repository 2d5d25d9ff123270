namespace Classroom.Micro.Edge.Protocol;

/// <summary><c>publish {channel, data}</c>; the channel is never empty and <see cref="Data"/> never empty.</summary>
internal sealed record PublishCommand(uint Id, string Channel, RawJson Data) : ClientCommand(Id);
