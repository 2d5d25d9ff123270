using System.ComponentModel.DataAnnotations;
using Classroom.Micro.ServiceDefaults.Origins;

namespace Classroom.Micro.Edge.Transports;

/// <summary>How clients may reach this edge: origins and the emulation transports' bounds. Bound from the <c>Edge</c> section.</summary>
public sealed class TransportOptions : IValidatableObject
{
    /// <summary>Configuration section name (the edge's own).</summary>
    public const string SectionName = "Edge";

    /// <summary>
    /// Browser origins (<c>scheme://host[:port]</c>) allowed to connect besides the edge's own origin (the host the
    /// request names: the gateway's <c>X-Forwarded-Host</c> when it came through the gateway, else <c>Host</c>). Matched
    /// exactly, as the gateway's <c>Gateway:AllowedOrigins</c>; set both to the same list.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Whether a connection without an <c>Origin</c> header (native SDKs, servers) is allowed, as at the gateway.</summary>
    public bool AllowMissingOrigin { get; set; } = true;

    /// <summary>Largest <c>POST /emulation</c> body (the commands of an HTTP-streaming or SSE client, JSON-escaped); larger gets 413.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxEmulationBodyBytes { get; set; } = 256 * 1024;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (index, text) in OriginPolicy.Malformed(AllowedOrigins))
        {
            yield return new ValidationResult($"Edge:AllowedOrigins:{index} ('{text}') is not an origin: scheme://host[:port], without a path", [nameof(AllowedOrigins)]);
        }
    }
}
