namespace Classroom.Micro.Api.ServerApi;

/// <summary>Where a caller puts its API key, as Centrifugo reads it: <c>X-API-Key: &lt;key&gt;</c> or <c>Authorization: apikey &lt;key&gt;</c>.</summary>
internal static class ApiCredentials
{
    /// <summary>The HTTP header (gRPC metadata keys are its lower-case form).</summary>
    public const string ApiKeyHeader = "X-API-Key";

    /// <summary>The gRPC metadata key of <see cref="ApiKeyHeader"/>.</summary>
    public const string ApiKeyMetadata = "x-api-key";

    /// <summary>The gRPC metadata key of the Authorization header.</summary>
    public const string AuthorizationMetadata = "authorization";

    /// <summary>The Authorization scheme, matched case-insensitively.</summary>
    public const string Scheme = "apikey";

    /// <summary>The presented key: the API key header first, else an <c>apikey</c> Authorization value; null when neither.</summary>
    public static string? Presented(string? apiKeyHeader, string? authorization)
    {
        if (!string.IsNullOrWhiteSpace(apiKeyHeader))
        {
            return apiKeyHeader.Trim();
        }

        if (authorization is null)
        {
            return null;
        }

        var value = authorization.AsSpan().Trim();
        if (value.Length <= Scheme.Length || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || !char.IsWhiteSpace(value[Scheme.Length]))
        {
            return null;
        }

        var key = value[Scheme.Length..].Trim();
        return key.IsEmpty ? null : key.ToString();
    }
}
