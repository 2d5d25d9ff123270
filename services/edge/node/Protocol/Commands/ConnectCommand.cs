namespace Classroom.Micro.Edge.Protocol;

/// <summary><c>connect {token, data, name, version}</c>; absent strings are null.</summary>
internal sealed record ConnectCommand(uint Id, string? Token, string? Name, string? Version, RawJson Data) : ClientCommand(Id);
