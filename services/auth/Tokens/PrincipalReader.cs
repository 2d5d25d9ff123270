using System.Globalization;
using System.Text.Json;
using Classroom.Micro.Auth.Identity;

namespace Classroom.Micro.Auth.Tokens;

/// <summary>Maps the claims of a verified token to a <see cref="UserPrincipal"/>, or names what is wrong with them.</summary>
internal static class PrincipalReader
{
    /// <summary>Returns null and sets <paramref name="principal"/>, or returns a rejection reason.</summary>
    public static string? TryRead(JsonElement payload, double? expires, double? issuedAt, out UserPrincipal? principal)
    {
        principal = null;
        if (!payload.TryGetProperty("sub", out var subject) || subject.ValueKind != JsonValueKind.String || subject.GetString() is not { Length: > 0 } userId)
        {
            return RejectionReasons.MissingSubject;
        }

        if (!TryReadString(payload, "name", out var name)
            || !TryReadString(payload, "role", out var roleName)
            || !TryReadIds(payload, "classrooms", out var classrooms)
            || !TryReadInfo(payload, out var info)
            || !TryReadStrings(payload, "channels", out var channels))
        {
            return RejectionReasons.Malformed;
        }

        var role = UserRole.Student;
        if (roleName.Length > 0 && !UserRoles.TryParse(roleName, out role))
        {
            return RejectionReasons.Role;
        }

        principal = new UserPrincipal(userId, name, role, classrooms, info, channels,
            NumericDate.ToUnixSeconds(expires), NumericDate.ToUnixSeconds(issuedAt));
        return null;
    }

    private static bool TryReadString(JsonElement payload, string claim, out string value)
    {
        value = "";
        if (!payload.TryGetProperty(claim, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString()!;
        return true;
    }

    // Issuers often keep classroom ids as database integers; they are compared as strings everywhere else.
    private static bool TryReadIds(JsonElement payload, string claim, out IReadOnlyList<string> ids) =>
        TryReadArray(payload, claim, element => element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number when element.TryGetInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
            _ => null,
        }, out ids);

    private static bool TryReadStrings(JsonElement payload, string claim, out IReadOnlyList<string> values) =>
        TryReadArray(payload, claim, element => element.ValueKind == JsonValueKind.String ? element.GetString() : null, out values);

    private static bool TryReadArray(JsonElement payload, string claim, Func<JsonElement, string?> read, out IReadOnlyList<string> values)
    {
        values = [];
        if (!payload.TryGetProperty(claim, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var items = new List<string>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            if (read(item) is not { Length: > 0 } value)
            {
                return false;
            }

            items.Add(value);
        }

        values = items;
        return true;
    }

    private static bool TryReadInfo(JsonElement payload, out string info)
    {
        info = "";
        if (!payload.TryGetProperty("info", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        // Raw text, so whatever the issuer put in reaches other clients byte for byte.
        info = element.GetRawText();
        return true;
    }
}
