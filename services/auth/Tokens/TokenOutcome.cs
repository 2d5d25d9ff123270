namespace Classroom.Micro.Auth.Tokens;

internal enum TokenOutcome
{
    Valid,

    /// <summary>Correctly signed but past its <c>exp</c>: the client should fetch a new token.</summary>
    Expired,

    Invalid,
}
