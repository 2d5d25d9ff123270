namespace Classroom.Micro.Edge.Protocol;

/// <summary>The history reply: the requested publications and the channel's current stream position.</summary>
internal sealed record HistoryResult(IReadOnlyList<PublicationView> Publications, string Epoch, ulong Offset);
