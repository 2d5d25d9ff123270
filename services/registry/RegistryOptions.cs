using System.ComponentModel.DataAnnotations;
using Classroom.Micro.ServiceDefaults.Discovery;

namespace Classroom.Micro.Registry;

/// <summary>Edge lease timing, the size limit of channel listings and the fanout replicas to announce through. Bound from the <c>Registry</c> section.</summary>
public sealed class RegistryOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Registry";

    /// <summary>
    /// How long an edge's lease lasts after each renewal. An edge that stops renewing (kill -9, partition)
    /// has all its subscriptions removed within <see cref="LeaseTtl"/> + <see cref="SweepInterval"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each registry replica looks for expired leases and sweeps their entries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Most channels a <c>ListChannels</c> answer may hold. A pattern matching more is refused with
    /// <c>FAILED_PRECONDITION</c> (narrow the pattern) rather than answered with a message too large to send or read.
    /// </summary>
    [Range(1, 100_000)]
    public int ChannelsLimit { get; set; } = 10_000;

    /// <summary>
    /// Fanout replicas' gRPC endpoints, used to announce <c>leave</c> for the connections of an edge that died.
    /// Each entry is a fixed address (<c>http://host:port</c>) or <c>dns:///name:port</c> (a headless Service, looked up
    /// every <c>Discovery:RefreshInterval</c>). Empty: no announcements (presence listings are still correct).
    /// </summary>
    public List<Uri> FanoutAddresses { get; set; } = [];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        EndpointTarget.Validate(FanoutAddresses, nameof(FanoutAddresses));
}
