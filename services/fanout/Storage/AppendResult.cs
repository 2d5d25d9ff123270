namespace Classroom.Micro.Fanout.Storage;

/// <summary>Where an append landed; <paramref name="Duplicate"/> when an idempotency key matched an earlier append.</summary>
internal readonly record struct AppendResult(LogPosition Position, bool Duplicate);
