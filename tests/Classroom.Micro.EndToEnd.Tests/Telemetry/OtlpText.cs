using System.Globalization;
using System.Text;
using Classroom.Micro.EndToEnd.Tests.Telemetry.Otlp;
using Google.Protobuf;

namespace Classroom.Micro.EndToEnd.Tests.Telemetry;

/// <summary>OTLP values as plain text: attribute values, and whole attribute lists for leak scans.</summary>
internal static class OtlpText
{
    public static string Of(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.BytesValue => value.BytesValue.ToStringUtf8(),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(", ", value.ArrayValue.Values.Select(Of)) + "]",
        AnyValue.ValueOneofCase.KvlistValue => "{" + Of(value.KvlistValue.Values) + "}",
        _ => string.Empty,
    };

    public static string Of(IEnumerable<KeyValue> attributes) =>
        string.Join("; ", attributes.Select(attribute => $"{attribute.Key}={Of(attribute.Value)}"));

    public static Dictionary<string, string> Map(IEnumerable<KeyValue> attributes)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            map[attribute.Key] = Of(attribute.Value);
        }

        return map;
    }

    public static string Hex(ByteString id) => Convert.ToHexStringLower(id.Span);

    public static string Join(params IEnumerable<string?> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part).Append(" | ");
        }

        return text.ToString();
    }
}
