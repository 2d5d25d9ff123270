using Classroom.Micro.Auth.Identity;

namespace Classroom.Micro.Auth.Tokens;

/// <summary>What a token turned out to be: a principal when valid, a reason code otherwise.</summary>
internal sealed record TokenVerdict(TokenOutcome Outcome, UserPrincipal? Principal, string Reason)
{
    public static TokenVerdict Valid(UserPrincipal principal) => new(TokenOutcome.Valid, principal, "");

    public static TokenVerdict Expired() => new(TokenOutcome.Expired, null, RejectionReasons.Expired);

    public static TokenVerdict Invalid(string reason) => new(TokenOutcome.Invalid, null, reason);
}
