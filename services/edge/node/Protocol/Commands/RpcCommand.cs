namespace Classroom.Micro.Edge.Protocol;

/// <summary><c>rpc {method, data}</c>; the method may be empty, as the protocol allows.</summary>
internal sealed record RpcCommand(uint Id, string Method, RawJson Data) : ClientCommand(Id);
