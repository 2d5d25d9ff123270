namespace Classroom.Micro.Benchmarks.Scenarios;

/// <summary>One delivery of a stroke to one member: its stream offset, its sequence number, and the send and receive timestamps.</summary>
internal readonly record struct ReceivedStroke(ulong Offset, long Sequence, long SentAt, long ReceivedAt);
