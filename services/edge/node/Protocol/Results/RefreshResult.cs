namespace Classroom.Micro.Edge.Protocol;

/// <summary>The refresh reply: when the new connection token expires (<see cref="Ttl"/> in seconds).</summary>
internal sealed record RefreshResult(string Client, string Version, bool Expires, uint Ttl);
