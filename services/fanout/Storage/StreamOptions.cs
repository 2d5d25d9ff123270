using System.ComponentModel.DataAnnotations;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>Retention of each channel's stream. Bound from <c>Fanout:Streams</c>.</summary>
internal sealed class StreamOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Fanout:Streams";

    /// <summary>
    /// Publications retained per channel. Trimming is approximate (whole stream nodes), so a stream may hold
    /// up to about 100 more than this.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxLength { get; set; } = 20_000;

    /// <summary>How long an idle channel's publications are kept; refreshed by every append.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// How long an idle channel's offset and epoch are kept; refreshed by every append and read. Longer than
    /// <see cref="Ttl"/> so that offsets keep increasing after the publications themselves expired.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan MetaTtl { get; set; } = TimeSpan.FromHours(24);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MetaTtl < Ttl)
        {
            yield return new ValidationResult(
                "Fanout:Streams:MetaTtl must not be shorter than Fanout:Streams:Ttl, or offsets would restart while publications are still retained.",
                [nameof(MetaTtl)]);
        }
    }
}
