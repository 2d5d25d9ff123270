using System.ComponentModel.DataAnnotations;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>
/// Retention of each channel's stream. Bound from <c>Fanout:Streams</c>: the top-level values apply to every channel,
/// <see cref="Namespaces"/> overrides them for channels named <c>&lt;namespace&gt;:…</c>.
/// </summary>
internal sealed class StreamOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Fanout:Streams";

    /// <summary>The namespace of classroom channels (<c>classroom:&lt;id&gt;</c>).</summary>
    public const string ClassroomNamespace = "classroom";

    /// <summary>The default byte cap of a channel's stream: 64 MiB.</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Publications retained per channel. Trimming is approximate (whole stream nodes), so a stream may hold
    /// up to about 100 more than this.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxLength { get; set; } = 20_000;

    /// <summary>
    /// Bytes of stored publications (payload, publisher info and tags) retained per channel: past it the oldest are
    /// trimmed by the append that crosses it, so one client cannot fill Redis. The newest publication always stays.
    /// </summary>
    [Range(1024, 1L << 40)]
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>How long an idle channel's publications are kept; refreshed by every append.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// How long an idle channel's offset and epoch are kept; refreshed by every append and read. Longer than
    /// <see cref="Ttl"/> so that offsets keep increasing after the publications themselves expired.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan MetaTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Overrides per channel namespace (the part of the channel name before the first <c>:</c>), e.g.
    /// <c>Fanout:Streams:Namespaces:classroom:MaxLength</c>. A class keeps its whole lesson by default: 20,000
    /// publications or 64 MiB for 2 hours.
    /// </summary>
    public Dictionary<string, NamespaceRetention> Namespaces { get; set; } = new(StringComparer.Ordinal)
    {
        [ClassroomNamespace] = new NamespaceRetention { MaxLength = 20_000, MaxBytes = DefaultMaxBytes, Ttl = TimeSpan.FromHours(2) },
    };

    /// <summary>The retention that applies to <paramref name="channel"/>.</summary>
    public StreamRetention RetentionOf(string channel)
    {
        var separator = channel.IndexOf(':', StringComparison.Ordinal);
        if (separator > 0 && Namespaces.GetValueOrDefault(channel[..separator]) is { } overrides)
        {
            return new StreamRetention(overrides.MaxLength ?? MaxLength, overrides.Ttl ?? Ttl, overrides.MetaTtl ?? MetaTtl, overrides.MaxBytes ?? MaxBytes);
        }

        return new StreamRetention(MaxLength, Ttl, MetaTtl, MaxBytes);
    }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MetaTtl < Ttl)
        {
            yield return new ValidationResult(
                "Fanout:Streams:MetaTtl must not be shorter than Fanout:Streams:Ttl, or offsets would restart while publications are still retained.",
                [nameof(MetaTtl)]);
        }

        foreach (var (name, overrides) in Namespaces)
        {
            var retention = RetentionOf(name + ":");
            if (name.Length == 0 || name.Contains(':', StringComparison.Ordinal))
            {
                yield return new ValidationResult($"Fanout:Streams:Namespaces has an invalid namespace name '{name}' (non-empty, without ':').", [nameof(Namespaces)]);
            }

            if (retention.MaxLength is < 1 or > 10_000_000)
            {
                yield return new ValidationResult($"Fanout:Streams:Namespaces:{name}:MaxLength must be between 1 and 10000000.", [nameof(Namespaces)]);
            }

            if (retention.MaxBytes is < 1024 or > 1L << 40)
            {
                yield return new ValidationResult($"Fanout:Streams:Namespaces:{name}:MaxBytes must be between 1024 and 1099511627776.", [nameof(Namespaces)]);
            }

            if (retention.Ttl < TimeSpan.FromSeconds(1) || retention.Ttl > TimeSpan.FromDays(365) || retention.MetaTtl > TimeSpan.FromDays(365))
            {
                yield return new ValidationResult($"Fanout:Streams:Namespaces:{name}:Ttl and MetaTtl must be between 00:00:01 and 365.00:00:00.", [nameof(Namespaces)]);
            }

            if (retention.MetaTtl < retention.Ttl)
            {
                yield return new ValidationResult($"Fanout:Streams:Namespaces:{name}: MetaTtl must not be shorter than Ttl ({overrides.Ttl ?? Ttl}).", [nameof(Namespaces)]);
            }
        }
    }
}
