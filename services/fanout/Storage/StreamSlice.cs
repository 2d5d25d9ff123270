using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>Publications read from a channel's stream with the stream's position at the time of the read.</summary>
/// <param name="Publications">Offsets filled in, in the order requested.</param>
/// <param name="Position">The newest offset and the epoch.</param>
/// <param name="FirstRetainedOffset">The oldest offset still in the stream, 0 when it is empty.</param>
/// <param name="Truncated">The byte budget stopped the read before its count or the end of the stream: more match.</param>
internal sealed record StreamSlice(IReadOnlyList<Publication> Publications, LogPosition Position, ulong FirstRetainedOffset, bool Truncated = false);
