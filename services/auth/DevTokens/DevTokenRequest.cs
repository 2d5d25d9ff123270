using System.Globalization;
using System.Text.Json;
using Classroom.Micro.Auth.Identity;
using Classroom.Micro.Auth.Permissions;

namespace Classroom.Micro.Auth.DevTokens;

/// <summary>The body of <c>POST /dev/token</c>: who the token is for and what it says about them.</summary>
internal sealed record DevTokenRequest(string User, string? Name, UserRole Role, IReadOnlyList<string> Classrooms, string? InfoJson, TimeSpan? Lifetime)
{
    /// <summary>Reads the JSON body; on failure <paramref name="errors"/> names each bad field, as problem details expect.</summary>
    public static bool TryRead(JsonElement body, out DevTokenRequest? request, out Dictionary<string, string[]> errors)
    {
        request = null;
        errors = [];
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["must be a JSON object"];
            return false;
        }

        var user = ReadString(body, "user", errors);
        if (string.IsNullOrEmpty(user) && !errors.ContainsKey("user"))
        {
            errors["user"] = ["is required"];
        }

        var name = ReadString(body, "name", errors);
        var role = UserRole.Student;
        if (ReadString(body, "role", errors) is { } roleName && !UserRoles.TryParse(roleName, out role))
        {
            errors["role"] = [$"must be {UserRoles.Teacher} or {UserRoles.Student}"];
        }

        var classrooms = ReadClassrooms(body, errors);
        var info = ReadInfo(body, errors);
        var lifetime = ReadLifetime(body, errors);

        if (errors.Count > 0)
        {
            return false;
        }

        request = new DevTokenRequest(user!, name, role, classrooms, info, lifetime);
        return true;
    }

    private static string? ReadString(JsonElement body, string field, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[field] = ["must be a string"];
            return null;
        }

        return value.GetString();
    }

    private static List<string> ReadClassrooms(JsonElement body, Dictionary<string, string[]> errors)
    {
        var classrooms = new List<string>();
        if (!body.TryGetProperty("classrooms", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return classrooms;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                var id = item.ValueKind switch
                {
                    JsonValueKind.String => item.GetString(),
                    JsonValueKind.Number when item.TryGetInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
                    _ => null,
                };
                if (id is null || !ClassroomId.IsValid(id))
                {
                    break;
                }

                classrooms.Add(id);
            }

            if (classrooms.Count == value.GetArrayLength())
            {
                return classrooms;
            }
        }

        errors["classrooms"] = ["must be an array of classroom ids (1-64 of A-Z a-z 0-9 _ -)"];
        return classrooms;
    }

    private static string? ReadInfo(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty("info", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors["info"] = ["must be a JSON object"];
            return null;
        }

        return value.GetRawText();
    }

    private static TimeSpan? ReadLifetime(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty("ttlSeconds", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var seconds)
            && seconds > 0 && TimeSpan.FromSeconds(seconds) <= DevTokenOptions.MaxLifetime)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        errors["ttlSeconds"] = [$"must be a whole number of seconds between 1 and {DevTokenOptions.MaxLifetime.TotalSeconds}"];
        return null;
    }
}
