namespace Classroom.Micro.Edge.Protocol;

/// <summary><c>refresh {token}</c>: a new connection token before the current one expires; the token is never empty.</summary>
internal sealed record RefreshCommand(uint Id, string Token) : ClientCommand(Id);
