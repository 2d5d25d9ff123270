namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// A well-formed command whose content is wrong (a required field missing, no known request); the session answers
/// with <see cref="Error"/> and keeps the connection.
/// </summary>
internal sealed record InvalidCommand(uint Id, ClientError Error) : ClientCommand(Id);
