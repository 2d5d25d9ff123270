namespace Classroom.Micro.Auth.Identity;

/// <summary>Who a connection belongs to, as stated by a validated token.</summary>
/// <param name="UserId">The token's <c>sub</c>.</param>
/// <param name="Name">Display name, empty when the token has none.</param>
/// <param name="Role">Teacher or student.</param>
/// <param name="Classrooms">Ids of the classrooms the user is a member of.</param>
/// <param name="InfoJson">The token's <c>info</c> object as raw JSON, or empty.</param>
/// <param name="Channels">Channels the server subscribes the connection to on connect.</param>
/// <param name="ExpiresAtUnix">The token's <c>exp</c> in Unix seconds; 0 when it does not expire.</param>
/// <param name="IssuedAtUnix">The token's <c>iat</c> in Unix seconds; 0 when absent.</param>
internal sealed record UserPrincipal(
    string UserId,
    string Name,
    UserRole Role,
    IReadOnlyList<string> Classrooms,
    string InfoJson,
    IReadOnlyList<string> Channels,
    long ExpiresAtUnix,
    long IssuedAtUnix);
