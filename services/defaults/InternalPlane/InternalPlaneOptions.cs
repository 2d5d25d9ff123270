using System.ComponentModel.DataAnnotations;

namespace Classroom.Micro.ServiceDefaults.InternalPlane;

/// <summary>
/// This service's identity on the internal plane and the public keys of the callers it accepts. Bound from
/// <c>Internal</c>; validated at start, so a missing or malformed key fails the pod, not the first call.
/// </summary>
public sealed class InternalPlaneOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Internal";

    /// <summary>Longest lifetime a caller assertion may have: what a stolen one is worth.</summary>
    public static readonly TimeSpan MaxAssertionLifetime = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Which service this is (<c>edge</c>, <c>api</c>, <c>auth</c>, <c>registry</c>, <c>fanout</c>): the issuer of the
    /// assertions it sends and the audience of those it accepts.
    /// </summary>
    [Required(ErrorMessage = "Internal:Identity is required (edge, api, auth, registry or fanout)")]
    public string Identity { get; set; } = string.Empty;

    /// <summary>
    /// This service's own ECDSA P-256 private key, PEM (<c>PRIVATE KEY</c> or <c>EC PRIVATE KEY</c>), from its own
    /// Kubernetes Secret (<c>Internal__PrivateKey</c>). It signs the short-lived assertions every outgoing call
    /// carries; no other service holds it. Never logged.
    /// </summary>
    [Required(ErrorMessage = "Internal:PrivateKey is required (this service's ECDSA P-256 private key, PEM, from its Kubernetes Secret)")]
    public string PrivateKey { get; set; } = string.Empty;

    /// <summary>
    /// The public keys of the callers this service accepts, by identity (<c>Internal__Callers__edge</c>…), each a PEM
    /// <c>PUBLIC KEY</c> or a <c>CERTIFICATE</c> holding it. Which caller may call which method is fixed in code.
    /// </summary>
    public Dictionary<string, string> Callers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long an assertion this service signs is valid; it is renewed at half its lifetime.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:15:00", ErrorMessage = "Internal:AssertionLifetime must be between 30 seconds and 15 minutes")]
    public TimeSpan AssertionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Identity) && !InternalServices.All.Contains(Identity, StringComparer.Ordinal))
        {
            yield return new ValidationResult($"Internal:Identity must be one of {string.Join(", ", InternalServices.All)}", [nameof(Identity)]);
        }

        if (!string.IsNullOrEmpty(PrivateKey) && CallerKeys.PrivateKeyProblem(PrivateKey) is { } privateProblem)
        {
            yield return new ValidationResult($"Internal:PrivateKey {privateProblem}", [nameof(PrivateKey)]);
        }

        foreach (var (caller, publicKey) in Callers)
        {
            if (!InternalServices.All.Contains(caller, StringComparer.OrdinalIgnoreCase))
            {
                yield return new ValidationResult($"Internal:Callers:{caller} names no service ({string.Join(", ", InternalServices.All)})", [nameof(Callers)]);
            }
            else if (CallerKeys.PublicKeyProblem(publicKey) is { } publicProblem)
            {
                yield return new ValidationResult($"Internal:Callers:{caller} {publicProblem}", [nameof(Callers)]);
            }
        }
    }
}
