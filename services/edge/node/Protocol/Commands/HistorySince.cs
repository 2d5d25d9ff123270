namespace Classroom.Micro.Edge.Protocol;

/// <summary>The stream position a history request starts after; <see cref="Epoch"/> is empty when the client sent none.</summary>
internal sealed record HistorySince(ulong Offset, string Epoch);
