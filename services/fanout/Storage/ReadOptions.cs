using System.ComponentModel.DataAnnotations;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>Bounds on stream reads. Bound from <c>Fanout:Reads</c>.</summary>
internal sealed class ReadOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Fanout:Reads";

    /// <summary>
    /// Most bytes of stored publications one <c>ReadStream</c> answer carries (a request may ask for fewer); a read
    /// that matches more is answered in part with <c>truncated</c> set, and the caller continues from the last offset.
    /// Well below the callers' 16 MiB gRPC message limit.
    /// </summary>
    [Range(64 * 1024, 12 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 4 * 1024 * 1024;
}
