namespace Classroom.Micro.Auth.Tokens;

/// <summary>The short codes in <c>ValidateTokenResponse.reason</c> and on the rejection counter. They never contain token content.</summary>
internal static class RejectionReasons
{
    public const string Malformed = "malformed";
    public const string AlgorithmNotAllowed = "algorithm_not_allowed";
    public const string BadSignature = "bad_signature";
    public const string Expired = "expired";
    public const string NotYetValid = "not_yet_valid";
    public const string MissingExpiry = "missing_exp";
    public const string IssuedInFuture = "iat_in_future";
    public const string Issuer = "issuer";
    public const string Audience = "audience";
    public const string MissingSubject = "missing_sub";
    public const string Role = "role";
    public const string Invalid = "invalid";
}
