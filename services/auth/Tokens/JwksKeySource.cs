using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Classroom.Micro.Auth.Tokens;

/// <summary>
/// The issuer's signing keys from <see cref="AuthOptions.JwksUrl"/>: fetched over HTTP, cached, replaced on each
/// successful refresh. A failed refresh keeps the keys already held, so a flaky issuer does not reject every token.
/// </summary>
internal sealed class JwksKeySource(IHttpClientFactory httpClients, IOptions<AuthOptions> options, TimeProvider time, ILogger<JwksKeySource> logger) : IDisposable
{
    /// <summary>Name of the <see cref="HttpClient"/> that fetches the document.</summary>
    public const string HttpClientName = "jwks";

    /// <summary>How often the document is fetched again without being asked to.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The least time between two fetches triggered by an unknown <c>kid</c>: tokens with made-up key ids
    /// must not turn this service into a load generator against the issuer.
    /// </summary>
    public static readonly TimeSpan UnknownKeyRefreshSpacing = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private volatile SecurityKey[] _keys = [];
    private volatile bool _hasKeys;
    private DateTimeOffset? _lastFetchStarted;

    public bool IsConfigured => !string.IsNullOrEmpty(options.Value.JwksUrl);

    /// <summary>True once a fetch succeeded.</summary>
    public bool HasKeys => _hasKeys;

    /// <summary>The keys of the last successfully fetched document.</summary>
    public IReadOnlyList<SecurityKey> Keys => _keys;

    /// <summary>Fetches the document now.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => RefreshAsync(TimeSpan.Zero, cancellationToken);

    /// <summary>Fetches the document unless a fetch started less than <see cref="UnknownKeyRefreshSpacing"/> ago.</summary>
    public Task RefreshForUnknownKeyAsync(CancellationToken cancellationToken) => RefreshAsync(UnknownKeyRefreshSpacing, cancellationToken);

    private async Task RefreshAsync(TimeSpan spacing, CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            return;
        }

        await _fetching.WaitAsync(cancellationToken);
        try
        {
            // Callers that queued behind a fetch find it just happened and use its keys.
            if (_lastFetchStarted is { } last && time.GetUtcNow() - last < spacing)
            {
                return;
            }

            await FetchAsync(cancellationToken);
        }
        finally
        {
            _fetching.Release();
        }
    }

    private async Task FetchAsync(CancellationToken cancellationToken)
    {
        _lastFetchStarted = time.GetUtcNow();
        try
        {
            using var client = httpClients.CreateClient(HttpClientName);
            var document = await client.GetStringAsync(new Uri(options.Value.JwksUrl!), cancellationToken);
            var keys = new JsonWebKeySet(document).GetSigningKeys().ToArray();
            _keys = keys;
            _hasKeys = true;
            TokensLog.JwksRefreshed(logger, keys.Length);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            TokensLog.JwksRefreshFailed(logger, _keys.Length, exception);
        }
    }

    public void Dispose() => _fetching.Dispose();
}
