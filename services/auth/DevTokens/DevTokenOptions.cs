namespace Classroom.Micro.Auth.DevTokens;

/// <summary>The development token endpoint, <c>POST /dev/token</c>. Bound from <c>Auth:DevTokens</c>.</summary>
internal sealed class DevTokenOptions
{
    /// <summary>The longest lifetime a development token may ask for.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(1);

    /// <summary>Serves <c>POST /dev/token</c>, which mints HS256 tokens for anyone who asks. Local development only.</summary>
    public bool Enabled { get; set; }

    /// <summary>Lifetime of a minted token when the request does not name one.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);
}
