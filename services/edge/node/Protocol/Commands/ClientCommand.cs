namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// One command decoded from a client frame. <see cref="Id"/> is the number the reply must carry;
/// it is 0 only for <see cref="PingReply"/> and <see cref="SendCommand"/>, which get no reply.
/// </summary>
internal abstract record ClientCommand(uint Id);
