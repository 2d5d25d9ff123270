namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// <c>subscribe {channel, recover, offset, epoch, join_leave, token}</c>. <see cref="Channel"/> is never empty;
/// <see cref="Offset"/> and <see cref="Epoch"/> are the client's last seen position when <see cref="Recover"/> is set.
/// </summary>
internal sealed record SubscribeCommand(uint Id, string Channel, bool Recover, ulong Offset, string? Epoch, bool JoinLeave, string? Token) : ClientCommand(Id);
