namespace Classroom.Micro.Benchmarks.Compare.Clients;

/// <summary>Where a member's channel stream stood when its connection was lost: what a reconnect asks to recover from.</summary>
/// <param name="Offset">The last offset the member received (or the stream's top when it subscribed, if it received none).</param>
/// <param name="Epoch">The stream's epoch the offset belongs to.</param>
internal sealed record ResumePosition(ulong Offset, string Epoch);
