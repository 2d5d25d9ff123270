using System.Runtime.InteropServices;
using System.Text.Json;
using Google.Protobuf;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// Typed reads of an HTTP API request body (a JSON object). An absent or null field reads as its empty value and is
/// left to the method to require; a field of the wrong type is remembered as <see cref="Problem"/> (answered with 400,
/// as Centrifugo answers a body it cannot decode). Unknown fields are ignored.
/// </summary>
internal sealed class JsonRequestFields
{
    private readonly JsonElement _body;
    private readonly string _path;
    private readonly JsonRequestFields? _root;
    private string? _problem;

    public JsonRequestFields(JsonElement body)
        : this(body, path: "", root: null)
    {
    }

    private JsonRequestFields(JsonElement body, string path, JsonRequestFields? root)
    {
        _body = body;
        _path = path;
        _root = root;
    }

    /// <summary>The object these fields are read from.</summary>
    public JsonElement Body => _body;

    /// <summary>The first malformed field, e.g. <c>channel must be a string</c>; null while every read succeeded.</summary>
    public string? Problem => (_root ?? this)._problem;

    public string String(string name) =>
        Field(name, JsonValueKind.String, "a string") is { } value ? value.GetString()! : string.Empty;

    public bool Boolean(string name)
    {
        if (!TryGet(name, out var value))
        {
            return false;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Malformed(name, "a boolean");
        return false;
    }

    public int Int32(string name) => Number(name, Field(name, JsonValueKind.Number, "an integer"), static (JsonElement v, out int n) => v.TryGetInt32(out n));

    public uint UInt32(string name) => Number(name, Field(name, JsonValueKind.Number, "an integer"), static (JsonElement v, out uint n) => v.TryGetUInt32(out n));

    public ulong UInt64(string name) => Number(name, Field(name, JsonValueKind.Number, "an integer"), static (JsonElement v, out ulong n) => v.TryGetUInt64(out n));

    public long Int64(string name) => Number(name, Field(name, JsonValueKind.Number, "an integer"), static (JsonElement v, out long n) => v.TryGetInt64(out n));

    /// <summary>Any JSON value as its UTF-8 text (the API's <c>data</c>); empty when absent or null.</summary>
    public ByteString Json(string name) =>
        TryGet(name, out var value) ? ByteString.CopyFrom(JsonMarshal.GetRawUtf8Value(value)) : ByteString.Empty;

    public IReadOnlyList<string> Strings(string name)
    {
        if (Field(name, JsonValueKind.Array, "an array of strings") is not { } array)
        {
            return [];
        }

        var strings = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                Malformed(name, "an array of strings");
                return [];
            }

            strings.Add(item.GetString()!);
        }

        return strings;
    }

    public Dictionary<string, string> StringMap(string name)
    {
        if (Field(name, JsonValueKind.Object, "an object of strings") is not { } map)
        {
            return new Dictionary<string, string>();
        }

        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in map.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                Malformed(name, "an object of strings");
                return new Dictionary<string, string>();
            }

            entries[property.Name] = property.Value.GetString()!;
        }

        return entries;
    }

    /// <summary>A nested object (e.g. <c>since</c>), or null when absent; its problems are reported with its path.</summary>
    public JsonRequestFields? Object(string name) =>
        Field(name, JsonValueKind.Object, "an object") is { } value ? new JsonRequestFields(value, $"{_path}{name}.", _root ?? this) : null;

    private delegate bool TryRead<T>(JsonElement value, out T number);

    private T Number<T>(string name, JsonElement? value, TryRead<T> read)
        where T : struct
    {
        if (value is not { } present)
        {
            return default;
        }

        return read(present, out var number) ? number : Malformed(name, $"an integer within the range of {typeof(T).Name}", default(T));
    }

    private JsonElement? Field(string name, JsonValueKind kind, string expected)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == kind)
        {
            return value;
        }

        Malformed(name, expected);
        return null;
    }

    private bool TryGet(string name, out JsonElement value) =>
        _body.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private void Malformed(string name, string expected)
    {
        var root = _root ?? this;
        root._problem ??= $"{_path}{name} must be {expected}";
    }

    private T Malformed<T>(string name, string expected, T fallback)
    {
        Malformed(name, expected);
        return fallback;
    }
}
