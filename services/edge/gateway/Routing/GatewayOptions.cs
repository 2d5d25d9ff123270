using System.ComponentModel.DataAnnotations;
using Classroom.Micro.ServiceDefaults.Discovery;
using Classroom.Micro.ServiceDefaults.Origins;

namespace Classroom.Micro.Gateway.Routing;

/// <summary>Where the gateway sends traffic and how it watches those destinations. Bound from the <c>Gateway</c> section.</summary>
internal sealed class GatewayOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Gateway";

    /// <summary>The edge a lone local run uses when no pool is configured.</summary>
    public static readonly Uri DefaultEdgeAddress = new("http://127.0.0.1:7400");

    /// <summary>
    /// The edge pool: HTTP/1.1 base addresses (<c>http://host:port</c>) or <c>dns:///name:port</c> entries (the edges'
    /// headless Service, looked up every <c>Discovery:RefreshInterval</c>; each address is an edge). Empty means
    /// <see cref="DefaultEdgeAddress"/>: the default is applied after binding because the binder appends to, rather than
    /// replaces, a pre-filled list.
    /// </summary>
    public List<Uri> EdgeAddresses { get; set; } = [];

    /// <summary>Auth's HTTP/1.1 base address (serves <c>/dev/token</c> when dev tokens are enabled).</summary>
    [Required]
    public Uri AuthAddress { get; set; } = new("http://127.0.0.1:7100");

    /// <summary>The server API service's HTTP/1.1 base address (a Service in a cluster), where <c>/api/*</c> goes.</summary>
    [Required]
    public Uri ApiAddress { get; set; } = new("http://127.0.0.1:7500");

    /// <summary>How often every destination's <c>/health/ready</c> is probed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A probe that has not answered within this time counts as a failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a destination whose proxied request failed at the transport level stays out of the pool before
    /// it is tried again; the active probes keep it out longer while it is still not ready.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PassiveReactivationPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Route <c>/api/*</c> (the server API) from the public gateway to <see cref="ApiAddress"/>. Off by default: the
    /// school's backend then calls the api service inside the cluster (port 7500), and the internet never reaches the
    /// API at all.
    /// </summary>
    public bool ExposeServerApi { get; set; }

    /// <summary>
    /// Browser origins (<c>scheme://host[:port]</c>) allowed to open a connection (WebSocket, HTTP-streaming, SSE,
    /// emulation) besides the gateway's own origin,
    /// e.g. the school portal that embeds the classroom. Matched exactly (scheme, host and port), never by suffix. A
    /// request without an <c>Origin</c> header (native SDKs, servers) is allowed.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Connection attempts (<c>/connection/*</c>) one client address may make at once before it gets 429. Generous: a
    /// whole school behind one NAT address joins at the same minute.
    /// </summary>
    [Range(1, 1_000_000)]
    public int ConnectRateBurst { get; set; } = 600;

    /// <summary>Connection attempts per second one client address regains, up to <see cref="ConnectRateBurst"/>.</summary>
    [Range(1, 1_000_000)]
    public int ConnectRatePerSecond { get; set; } = 200;

    /// <summary>Largest <c>POST /emulation</c> body (commands of an HTTP-streaming or SSE client) the gateway reads to route it.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxEmulationBodyBytes { get; set; } = 256 * 1024;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in EndpointTarget.Validate(EdgeAddresses, nameof(EdgeAddresses)))
        {
            yield return result;
        }

        if (!AuthAddress.IsAbsoluteUri || (AuthAddress.Scheme != Uri.UriSchemeHttp && AuthAddress.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult($"'{AuthAddress}' is not an absolute http(s) address.", [nameof(AuthAddress)]);
        }

        foreach (var (index, text) in OriginPolicy.Malformed(AllowedOrigins))
        {
            yield return new ValidationResult($"Gateway:AllowedOrigins:{index} ('{text}') is not an origin: scheme://host[:port], without a path", [nameof(AllowedOrigins)]);
        }

        if (EdgeAddresses.Distinct().Count() != EdgeAddresses.Count)
        {
            yield return new ValidationResult("Every edge address must appear once.", [nameof(EdgeAddresses)]);
        }
    }
}
