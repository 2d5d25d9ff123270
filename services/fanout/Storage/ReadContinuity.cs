using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>
/// Whether a read can continue from the caller's position (client and server API error 112 when not). The one home
/// of the rule: the edge (client <c>history</c>) and the server API (<c>history</c>) map the answer, neither
/// decides it.
/// </summary>
internal static class ReadContinuity
{
    /// <summary>
    /// The caller's epoch is not the stream's, or the publications right after <c>since_offset</c> are no longer
    /// retained (trimmed by retention, or removed by <c>history_remove</c>): answering with what is left would be a
    /// silent gap. Offset 0 asks for "everything still retained" and a newest-first or position-only read asks for
    /// no continuation, so none of them is ever past a trim.
    /// </summary>
    public static bool IsUnrecoverable(ReadStreamRequest request, StreamSlice slice) =>
        EpochChanged(request.SinceEpoch, slice.Position.Epoch) || TrimmedPast(request, slice);

    private static bool EpochChanged(string sinceEpoch, string currentEpoch) =>
        !string.IsNullOrEmpty(sinceEpoch) && !string.Equals(sinceEpoch, currentEpoch, StringComparison.Ordinal);

    private static bool TrimmedPast(ReadStreamRequest request, StreamSlice slice) =>
        request is { SinceOffset: > 0, Reverse: false, Limit: not 0 }
        && request.SinceOffset < slice.Position.Offset
        && (slice.FirstRetainedOffset == 0 || slice.FirstRetainedOffset > request.SinceOffset + 1);
}
