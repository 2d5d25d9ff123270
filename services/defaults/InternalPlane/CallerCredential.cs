namespace Classroom.Micro.ServiceDefaults.InternalPlane;

/// <summary>
/// What every call from this service to one other service carries: a caller assertion for that audience, signed once
/// and reused until half its lifetime has passed (a signature per call would cost the hot path for nothing).
/// </summary>
public sealed class CallerCredential
{
    /// <summary>The call header (gRPC metadata) that carries the assertion, as <c>Bearer &lt;jwt&gt;</c>.</summary>
    public const string HeaderName = "authorization";

    /// <summary>The scheme before the assertion in <see cref="HeaderName"/>.</summary>
    public const string Scheme = "Bearer ";

    private readonly CallerAssertionIssuer _issuer;
    private readonly object _renewal = new();
    private volatile Current? _current;

    internal CallerCredential(CallerAssertionIssuer issuer, string audience)
    {
        _issuer = issuer;
        Audience = audience;
    }

    /// <summary>The service these calls go to.</summary>
    public string Audience { get; }

    /// <summary>The header value for the next call: a valid assertion, renewed when half its lifetime is gone.</summary>
    public string HeaderValue()
    {
        var current = _current;
        if (current is not null && _issuer.Now < current.RenewAt)
        {
            return current.HeaderValue;
        }

        lock (_renewal)
        {
            current = _current;
            if (current is null || _issuer.Now >= current.RenewAt)
            {
                var issuedAt = _issuer.Now;
                var (assertion, expires) = _issuer.Sign(Audience);
                current = new Current(Scheme + assertion, issuedAt + ((expires - issuedAt) / 2));
                _current = current;
            }

            return current.HeaderValue;
        }
    }

    /// <summary>A handler that puts the assertion on every request sent through <paramref name="inner"/>.</summary>
    public DelegatingHandler CreateHandler(HttpMessageHandler inner) => new CallerAssertionHandler(this) { InnerHandler = inner };

    /// <inheritdoc />
    public override string ToString() => $"{_issuer} to {Audience}";

    private sealed record Current(string HeaderValue, DateTimeOffset RenewAt);
}
