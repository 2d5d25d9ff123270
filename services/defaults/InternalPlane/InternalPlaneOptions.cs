using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Classroom.Micro.ServiceDefaults.InternalPlane;

/// <summary>The credential every service-to-service gRPC call carries and every internal service checks. Bound from <c>Internal</c>.</summary>
public sealed class InternalPlaneOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Internal";

    /// <summary>Fewest UTF-8 bytes a key may have.</summary>
    public const int MinKeyBytes = 32;

    /// <summary>
    /// The shared internal key (≥ 32 bytes; from a Kubernetes Secret, <c>Internal__Key</c>). Sent by every internal
    /// client as the <c>x-classroom-internal-key</c> call header; a call to auth, registry or fanout without it, or with
    /// another key, is answered <c>UNAUTHENTICATED</c>. Never logged.
    /// </summary>
    [Required(ErrorMessage = "Internal:Key is required (the internal key every service shares, from a Kubernetes Secret)")]
    public string Key { get; set; } = string.Empty;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Encoding.UTF8.GetByteCount(Key) < MinKeyBytes)
        {
            yield return new ValidationResult($"Internal:Key must be at least {MinKeyBytes} bytes (a random secret from a Kubernetes Secret)", [nameof(Key)]);
        }
    }
}
