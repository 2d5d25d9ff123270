namespace Classroom.Micro.Edge.Transports;

/// <summary>What the <see cref="ConnectionRunner"/> needs to know of a connection, whichever way it was accepted.</summary>
/// <param name="RemoteAddress">The client's address for per-address limits (<see cref="ServiceDefaults.Http.ClientAddress"/>).</param>
/// <param name="Aborted">Cancelled when the connection is gone.</param>
internal readonly record struct ConnectionFacts(string RemoteAddress, CancellationToken Aborted);
