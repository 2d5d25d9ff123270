namespace Classroom.Micro.Edge.Protocol;

/// <summary><c>sub_refresh {channel, token}</c>: a new subscription token; neither field is empty.</summary>
internal sealed record SubRefreshCommand(uint Id, string Channel, string Token) : ClientCommand(Id);
