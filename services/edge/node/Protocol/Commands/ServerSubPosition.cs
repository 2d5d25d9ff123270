namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// Where a reconnecting client stands in one server-side subscription: an entry of the connect command's
/// <c>subs</c> map (<c>{"classroom:42":{"recover":true,"offset":7,"epoch":"e"}}</c>), which the SDK sends for every
/// recoverable server-side subscription it held before the reconnect.
/// </summary>
internal sealed record ServerSubPosition(bool Recover, ulong Offset, string? Epoch);
