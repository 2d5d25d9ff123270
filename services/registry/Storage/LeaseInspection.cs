namespace Classroom.Micro.Registry.Storage;

/// <summary>
/// What a sweeper found on an edge: whether it retired the lease just now, until when a still-live lease runs
/// (0 when none), and every retired generation whose entries still await removal.
/// </summary>
internal sealed record LeaseInspection(bool ExpiredNow, long LiveUntilUnixMs, IReadOnlyList<string> RetiredGenerations);
