namespace Classroom.Micro.Edge.Connections;

/// <summary>
/// Who a connection is, as auth validated its token: the edge's own record of it, so the session and the command
/// handlers do not carry auth's wire type (<c>Commands/ConnectionIdentityMessages</c> maps the two at the boundary).
/// </summary>
/// <param name="UserId">The token's <c>sub</c>.</param>
internal sealed record ConnectionIdentity(string UserId)
{
    /// <summary>Display name from the token's <c>name</c> claim, or empty.</summary>
    public string Name { get; init; } = "";

    /// <summary><c>teacher</c> or <c>student</c>.</summary>
    public string Role { get; init; } = "";

    /// <summary>Classroom ids the user is a member of.</summary>
    public IReadOnlyList<string> Classrooms { get; init; } = [];

    /// <summary>The token's <c>info</c> claim as raw JSON (an object), or empty.</summary>
    public string InfoJson { get; init; } = "";

    /// <summary>The token's <c>exp</c> as Unix seconds; 0 when the token does not expire.</summary>
    public long ExpiresAtUnix { get; init; }

    /// <summary>The token's <c>iat</c> as Unix seconds; 0 when absent (auth compares it with a kick's time).</summary>
    public long IssuedAtUnix { get; init; }

    /// <summary>Channels the server subscribes the connection to on connect (the token's <c>channels</c> claim).</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>When the token expires; null when it does not.</summary>
    public DateTimeOffset? ExpiresAt => ExpiresAtUnix > 0 ? DateTimeOffset.FromUnixTimeSeconds(ExpiresAtUnix) : null;
}
