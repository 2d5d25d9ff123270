using System.ComponentModel.DataAnnotations;
using Classroom.Micro.ServiceDefaults.Discovery;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>Settings of the server API (HTTP <c>/api/&lt;method&gt;</c> and gRPC). Bound from the <c>Api</c> section and validated at start.</summary>
internal sealed class ServerApiOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Api";

    /// <summary>Shortest key accepted (as long as the internal key): anything shorter is guessable.</summary>
    public const int MinKeyLength = 32;

    /// <summary>
    /// The API keys a caller may present. Empty disables the API: every call is refused as unauthenticated.
    /// Several keys allow rotation (add the new key, move the callers, remove the old one).
    /// </summary>
    public List<string> Keys { get; set; } = [];

    /// <summary>The registry service's gRPC endpoint (presence, <c>info</c>, <c>channels</c>, <c>connections</c>).</summary>
    [Required]
    public Uri RegistryAddress { get; set; } = new("http://127.0.0.1:7201");

    /// <summary>
    /// The fanout replicas: <c>http://host:port</c> entries or <c>dns:///name:port</c> (a headless Service, looked up
    /// every <c>Discovery:RefreshInterval</c>). A publish goes to the channel's replica by the same rendezvous rule the
    /// edges use; reads and announcements to any replica.
    /// </summary>
    [MinLength(1)]
    public List<Uri> FanoutAddresses { get; set; } = [];

    /// <summary>Largest HTTP request body accepted, in bytes.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Failed authentications one client address may make per <see cref="FailedAuthWindow"/>; past it every call from
    /// that address is answered 429 (gRPC RESOURCE_EXHAUSTED) until the window ends, a right key included, so guessing
    /// learns nothing. The address is the first <c>X-Forwarded-For</c> entry (set by the gateway) or the peer's.
    /// </summary>
    [Range(1, 100_000)]
    public int FailedAuthLimit { get; set; } = 10;

    /// <summary>
    /// Bytes of publications one <c>history</c> page asks fanout for (its byte-bounded <c>ReadStream</c>); a history
    /// answer is read in pages of this size, so no single gRPC message comes near fanout's response cap.
    /// </summary>
    [Range(64 * 1024, 4 * 1024 * 1024)]
    public int HistoryPageBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Most bytes of publications one <c>history</c> answer holds; a window larger than this answers error 106 (limit
    /// exceeded) asking for fewer publications, never a partial list.
    /// </summary>
    [Range(64 * 1024, 256 * 1024 * 1024)]
    public long HistoryMaxBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>The window of <see cref="FailedAuthLimit"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FailedAuthWindow { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var problem in EndpointTarget.Validate(FanoutAddresses, nameof(FanoutAddresses)))
        {
            yield return problem;
        }

        for (var i = 0; i < Keys.Count; i++)
        {
            var key = Keys[i];
            // Messages name the position only: the key itself must never reach a log.
            if (string.IsNullOrWhiteSpace(key) || key.Length < MinKeyLength)
            {
                yield return new ValidationResult($"Api:Keys:{i} must be at least {MinKeyLength} characters", [nameof(Keys)]);
            }
            else if (key.Trim().Length != key.Length)
            {
                // Header values arrive trimmed, so such a key could never match.
                yield return new ValidationResult($"Api:Keys:{i} must not start or end with whitespace", [nameof(Keys)]);
            }
        }
    }
}
