using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Classroom.Micro.Auth.Tests.Support;

/// <summary>Builds tokens the way an issuer (or an attacker) would.</summary>
internal static class TestTokens
{
    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>A student in classroom "math", issued at <paramref name="now"/>, valid for an hour.</summary>
    public static Dictionary<string, object?> Claims(DateTimeOffset now) => new()
    {
        ["sub"] = "u1",
        ["name"] = "Ann",
        ["role"] = "student",
        ["classrooms"] = new[] { "math" },
        ["iat"] = now.ToUnixTimeSeconds(),
        ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
    };

    public static string Sign(Dictionary<string, object?> claims, SecurityKey key, string algorithm) =>
        Handler.CreateToken(JsonSerializer.Serialize(claims), new SigningCredentials(key, algorithm));

    public static string Hs256(Dictionary<string, object?> claims) => Sign(claims, TestKeys.Hs256, SecurityAlgorithms.HmacSha256);

    /// <summary>An <c>alg: none</c> token: header and payload, empty signature.</summary>
    public static string Unsigned(Dictionary<string, object?> claims) =>
        $"{Encode("""{"alg":"none","typ":"JWT"}""")}.{Encode(JsonSerializer.Serialize(claims))}.";

    private static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
}
