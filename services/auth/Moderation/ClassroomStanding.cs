namespace Classroom.Micro.Auth.Moderation;

/// <summary>What moderation has recorded about one user in one classroom.</summary>
/// <param name="Muted">The user may not publish to the classroom channel.</param>
/// <param name="KickedAtUnix">When the user was last kicked (Unix seconds), or null when never.</param>
internal sealed record ClassroomStanding(bool Muted, long? KickedAtUnix)
{
    public static ClassroomStanding Clear { get; } = new(false, null);

    /// <summary>
    /// Whether a token issued at <paramref name="issuedAtUnix"/> predates the kick. The same second counts as before:
    /// a token minted in the second of the kick may have been minted just before it. A token without <c>iat</c> (0)
    /// always predates it.
    /// </summary>
    public bool ExcludesTokenIssuedAt(long issuedAtUnix) => KickedAtUnix is { } kickedAt && issuedAtUnix <= kickedAt;
}
