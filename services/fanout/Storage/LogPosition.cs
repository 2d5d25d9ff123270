namespace Classroom.Micro.Fanout.Storage;

/// <summary>A point in a channel's stream: an offset within an epoch.</summary>
internal readonly record struct LogPosition(ulong Offset, string Epoch);
