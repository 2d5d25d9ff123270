using Classroom.Micro.ServiceDefaults.InternalPlane;

namespace Classroom.Micro.Testing;

/// <summary>
/// The internal-plane identities of services under test: a P-256 key pair per identity, fresh per test process, the
/// settings that give a service its identity, and handlers that call as any identity.
/// </summary>
public static class TestInternalIdentities
{
    private static readonly Dictionary<string, (string PrivateKeyPem, string PublicKeyPem)> s_keys =
        InternalServices.All.ToDictionary(identity => identity, _ => CallerKeys.Generate(), StringComparer.Ordinal);

    private static readonly Dictionary<string, CallerAssertionIssuer> s_issuers =
        s_keys.ToDictionary(pair => pair.Key, pair => new CallerAssertionIssuer(pair.Key, pair.Value.PrivateKeyPem, TimeProvider.System, TimeSpan.FromMinutes(5)), StringComparer.Ordinal);

    /// <summary>The private key (PEM) of <paramref name="identity"/>.</summary>
    public static string PrivateKey(string identity) => s_keys[identity].PrivateKeyPem;

    /// <summary>The public key (PEM) of <paramref name="identity"/>.</summary>
    public static string PublicKey(string identity) => s_keys[identity].PublicKeyPem;

    /// <summary>
    /// The configuration (<c>Internal:…</c>, with <paramref name="separator"/> between sections) of a service running
    /// as <paramref name="identity"/> that accepts every identity's public key.
    /// </summary>
    public static Dictionary<string, string?> Settings(string identity, string separator = ":")
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Internal{separator}Identity"] = identity,
            [$"Internal{separator}PrivateKey"] = PrivateKey(identity),
        };
        foreach (var caller in s_keys.Keys)
        {
            settings[$"Internal{separator}Callers{separator}{caller}"] = PublicKey(caller);
        }

        return settings;
    }

    /// <summary><see cref="Settings"/> as command-line arguments (<c>--Internal:Identity=edge</c>…).</summary>
    public static IEnumerable<string> Arguments(string identity) => Settings(identity).Select(setting => $"--{setting.Key}={setting.Value}");

    /// <summary>
    /// The credential of calls from <paramref name="caller"/> to <paramref name="audience"/>, its assertions dated by
    /// <paramref name="time"/> (a service on a fake clock checks them against that clock).
    /// </summary>
    public static CallerCredential Credential(string caller, string audience, TimeProvider? time = null) =>
        time is null || time == TimeProvider.System
            ? s_issuers[caller].To(audience)
            : new CallerAssertionIssuer(caller, PrivateKey(caller), time, TimeSpan.FromMinutes(5)).To(audience);

    /// <summary>A handler that calls through <paramref name="inner"/> as <paramref name="caller"/> to <paramref name="audience"/>.</summary>
    public static DelegatingHandler Handler(string caller, string audience, HttpMessageHandler inner, TimeProvider? time = null) =>
        Credential(caller, audience, time).CreateHandler(inner);

    /// <summary>
    /// A handler that calls <paramref name="audience"/> through <paramref name="inner"/> as whichever identity makes
    /// each call in production (<see cref="ProductionCaller"/>), so a test client passes every allow list the way the
    /// real caller does.
    /// </summary>
    public static DelegatingHandler Handler(string audience, HttpMessageHandler inner, TimeProvider? time = null) =>
        new PerMethodCallerHandler(audience, time) { InnerHandler = inner };

    /// <summary>
    /// The identity that makes a call to <paramref name="method"/> of <paramref name="audience"/> in production: the
    /// server API lists the registry and erases history; edges make every other call.
    /// </summary>
    public static string ProductionCaller(string audience, string method) => (audience, method) switch
    {
        (InternalServices.Registry, "ListEdgeLeases" or "ListChannels" or "ListConnections") => InternalServices.Api,
        (InternalServices.Fanout, "RemoveHistory") => InternalServices.Api,
        _ => InternalServices.Edge,
    };

    private sealed class PerMethodCallerHandler(string audience, TimeProvider? time) : DelegatingHandler
    {
        private readonly Dictionary<string, CallerCredential> _credentials = InternalServices.All.ToDictionary(caller => caller, caller => Credential(caller, audience, time));

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var method = request.RequestUri!.AbsolutePath[(request.RequestUri.AbsolutePath.LastIndexOf('/') + 1)..];
            request.Headers.Remove(CallerCredential.HeaderName);
            request.Headers.TryAddWithoutValidation(CallerCredential.HeaderName, _credentials[ProductionCaller(audience, method)].HeaderValue());
            return base.SendAsync(request, cancellationToken);
        }
    }
}
