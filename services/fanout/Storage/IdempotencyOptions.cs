using System.ComponentModel.DataAnnotations;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>How long a publish's idempotency key is remembered. Bound from <c>Fanout:Idempotency</c>.</summary>
internal sealed class IdempotencyOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Fanout:Idempotency";

    /// <summary>A repeated publish with the same key within this window returns the first result.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
