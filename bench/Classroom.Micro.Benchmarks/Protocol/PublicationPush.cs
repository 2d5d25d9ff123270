using System.Text.Json;

namespace Classroom.Micro.Benchmarks.Protocol;

/// <summary>
/// A <c>pub</c> push as it arrived. <see cref="Data"/> belongs to the frame being read: a handler reads it before it
/// returns and keeps nothing of it.
/// </summary>
/// <param name="Channel">The channel the publication was made on.</param>
/// <param name="Offset">Its offset in the channel's stream.</param>
/// <param name="Data">The publication's data (embedded JSON).</param>
/// <param name="ReceivedAt">When the frame holding it was read, as a <see cref="System.Diagnostics.Stopwatch"/> timestamp.</param>
internal readonly record struct PublicationPush(string Channel, ulong Offset, JsonElement Data, long ReceivedAt);
