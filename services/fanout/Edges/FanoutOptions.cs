using System.ComponentModel.DataAnnotations;

namespace Classroom.Micro.Fanout.Edges;

/// <summary>How this replica talks to attached edges. Bound from <c>Fanout</c>.</summary>
internal sealed class FanoutOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Fanout";

    /// <summary>Messages queued per attached edge; an edge that lets its queue fill is dropped (it reconnects and catches up).</summary>
    [Range(1, 10_000_000)]
    public int EdgeQueueCapacity { get; set; } = 65_536;

    /// <summary>How often the positions of channels this replica appended to are reported to interested edges.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PositionReportInterval { get; set; } = TimeSpan.FromSeconds(1);
}
