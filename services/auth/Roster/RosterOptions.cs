using System.ComponentModel.DataAnnotations;

namespace Classroom.Micro.Auth.Roster;

/// <summary>Where auth learns who is in class right now. Bound from the <c>Auth</c> section.</summary>
internal sealed class RosterOptions
{
    /// <summary>Configuration section name (shared with the token settings).</summary>
    public const string SectionName = "Auth";

    /// <summary>The registry's gRPC endpoint.</summary>
    [Required]
    public Uri RegistryAddress { get; set; } = new("http://127.0.0.1:7201");
}
