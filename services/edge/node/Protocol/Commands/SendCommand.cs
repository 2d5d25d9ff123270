namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// <c>send {data}</c>: an asynchronous message to the server that gets no reply (the SDK sends it without an id).
/// <see cref="Data"/> may be empty if the client sent none; there is no reply to carry an error.
/// </summary>
internal sealed record SendCommand(RawJson Data) : ClientCommand(0);
