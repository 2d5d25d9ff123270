using System.Text.Json;

namespace Classroom.Micro.Auth.Tokens;

/// <summary>Reads JWT NumericDate claims (<c>exp</c>, <c>nbf</c>, <c>iat</c>): Unix seconds, possibly fractional.</summary>
internal static class NumericDate
{
    // 9999-12-31T23:59:59Z: anything later is not a date a real issuer writes.
    private const double Latest = 253402300799;

    /// <summary>False when the claim is present but not a plausible number; <paramref name="seconds"/> is null when absent.</summary>
    public static bool TryRead(JsonElement payload, string claim, out double? seconds)
    {
        seconds = null;
        if (!payload.TryGetProperty(claim, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number) || number < 0 || number > Latest)
        {
            return false;
        }

        seconds = number;
        return true;
    }

    public static long ToUnixSeconds(double? seconds) => seconds is { } value ? (long)Math.Floor(value) : 0;
}
