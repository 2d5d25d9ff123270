using System.ComponentModel.DataAnnotations;

namespace Classroom.Micro.Edge.Upstream;

/// <summary>
/// Byte bounds on this edge's reads of channel streams (history, recovery, gap filling). Bound from <c>Edge:Reads</c>
/// and validated at start. Every read is paged: no single gRPC answer grows with the stream.
/// </summary>
public sealed class FanoutReadOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Edge:Reads";

    /// <summary>Bytes of stored publications asked for per <c>ReadStream</c> answer (a replica may cap it lower).</summary>
    [Range(64 * 1024, 12 * 1024 * 1024)]
    public int PageBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Most bytes one recovery may send a resubscribing client: a client that missed more is answered
    /// <c>recovered: false</c> (it reloads its state from history), never a partial recovery or an error loop.
    /// </summary>
    [Range(64 * 1024, 1L << 32)]
    public long RecoveryMaxBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Most bytes one paged read gathers otherwise (a round of gap filling; the server API's history).</summary>
    [Range(64 * 1024, 1L << 32)]
    public long MaxReadBytes { get; set; } = 16 * 1024 * 1024;
}
