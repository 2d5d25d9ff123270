using System.Globalization;
using System.Text.Json;
using Classroom.Micro.Edge.Protocol;

namespace Classroom.Micro.Edge.Commands;

/// <summary>
/// The <c>data</c> of a <c>classroom.*</c> rpc: <c>{"classroom":"42","user":"s1"}</c>. <c>classroom</c> may be left out
/// when the caller's token lists exactly one classroom; ids may be strings or integers, as in tokens.
/// </summary>
internal sealed record ClassroomRpcArguments(string Classroom, string User)
{
    /// <summary>False when <paramref name="data"/> is not an object, a field has the wrong type, or the classroom cannot be told.</summary>
    public static bool TryRead(RawJson data, IReadOnlyList<string> callerClassrooms, out ClassroomRpcArguments arguments)
    {
        arguments = new ClassroomRpcArguments(string.Empty, string.Empty);
        string? classroom = null;
        string? user = null;
        if (!data.IsEmpty)
        {
            try
            {
                using var document = JsonDocument.Parse(data.Utf8);
                var root = document.RootElement;
                if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                {
                    return false;
                }

                if (root.ValueKind == JsonValueKind.Object
                    && (!TryReadId(root, "classroom", out classroom) || !TryReadId(root, "user", out user)))
                {
                    return false;
                }
            }
            catch (JsonException)
            {
                return false;
            }
        }

        if (string.IsNullOrEmpty(classroom))
        {
            if (callerClassrooms.Count != 1)
            {
                return false;
            }

            classroom = callerClassrooms[0];
        }

        arguments = new ClassroomRpcArguments(classroom, user ?? string.Empty);
        return true;
    }

    private static bool TryReadId(JsonElement root, string field, out string? id)
    {
        id = null;
        if (!root.TryGetProperty(field, out var value))
        {
            return true;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.String:
                id = value.GetString();
                return true;
            case JsonValueKind.Number when value.TryGetInt64(out var number):
                id = number.ToString(CultureInfo.InvariantCulture);
                return true;
            default:
                return false;
        }
    }
}
