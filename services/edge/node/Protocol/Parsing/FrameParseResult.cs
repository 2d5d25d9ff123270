namespace Classroom.Micro.Edge.Protocol;

/// <summary>Whether a client frame could be decoded; a malformed frame ends the session with 3501 (bad request).</summary>
internal enum FrameParseResult
{
    Ok,
    Malformed,
}
