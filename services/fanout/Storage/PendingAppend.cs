using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>A publication waiting to be appended, with the idempotency key of its publish (null or empty: none).</summary>
internal readonly record struct PendingAppend(Publication Publication, string? IdempotencyKey);
