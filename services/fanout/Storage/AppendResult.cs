using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>
/// Where an append landed; <paramref name="Duplicate"/> when an idempotency key matched an earlier append, and then
/// <paramref name="Stored"/> is that earlier publication (offset set) while its stream still holds it in the current
/// epoch, so the retry can deliver it (edges drop an offset they already have).
/// </summary>
internal readonly record struct AppendResult(LogPosition Position, bool Duplicate, Publication? Stored = null);
