using System.Buffers;
using System.Text;
using System.Text.Json;
using Classroom.Micro.Auth.Identity;
using Classroom.Micro.Auth.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Classroom.Micro.Auth.DevTokens;

/// <summary>Mints HS256 connection tokens with the same claims a real issuer would put in, for local development.</summary>
internal sealed class DevTokenIssuer(IOptions<AuthOptions> options, SigningKeyRing keys, TimeProvider time, ILogger<DevTokenIssuer> logger)
{
    private readonly JsonWebTokenHandler _handler = new();

    public string Issue(DevTokenRequest request)
    {
        var settings = options.Value;
        var key = keys.Hs256Key ?? throw new InvalidOperationException("Development tokens need Auth:Hs256Secret.");
        var lifetime = request.Lifetime ?? settings.DevTokens.Lifetime;
        var role = UserRoles.ToName(request.Role);
        var issuedAt = time.GetUtcNow();
        var expires = issuedAt + lifetime;

        var payload = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("sub", request.User);
            if (request.Name is not null)
            {
                writer.WriteString("name", request.Name);
            }

            writer.WriteString("role", role);
            writer.WriteStartArray("classrooms");
            foreach (var classroom in request.Classrooms)
            {
                writer.WriteStringValue(classroom);
            }

            writer.WriteEndArray();
            if (request.InfoJson is not null)
            {
                writer.WritePropertyName("info");
                writer.WriteRawValue(request.InfoJson);
            }

            writer.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            writer.WriteNumber("exp", expires.ToUnixTimeSeconds());
            if (!string.IsNullOrEmpty(settings.Issuer))
            {
                writer.WriteString("iss", settings.Issuer);
            }

            if (!string.IsNullOrEmpty(settings.Audience))
            {
                writer.WriteString("aud", settings.Audience);
            }

            writer.WriteEndObject();
        }

        var token = _handler.CreateToken(Encoding.UTF8.GetString(payload.WrittenSpan), new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
        DevTokensLog.Minted(logger, request.User, role, lifetime);
        return token;
    }
}
