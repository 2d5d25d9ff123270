namespace Classroom.Micro.Fanout.Storage;

/// <summary>
/// Retention overrides for one channel namespace, bound from <c>Fanout:Streams:Namespaces:&lt;namespace&gt;</c>;
/// a value left out falls back to the top-level <see cref="StreamOptions"/> value.
/// </summary>
internal sealed class NamespaceRetention
{
    /// <summary>Publications retained per channel of the namespace.</summary>
    public int? MaxLength { get; set; }

    /// <summary>Bytes of stored publications retained per channel of the namespace.</summary>
    public long? MaxBytes { get; set; }

    /// <summary>How long an idle channel's publications are kept.</summary>
    public TimeSpan? Ttl { get; set; }

    /// <summary>How long an idle channel's offset and epoch are kept (at least <see cref="Ttl"/>).</summary>
    public TimeSpan? MetaTtl { get; set; }
}
