using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Classroom.Micro.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Classroom.Micro.Auth.Tests.Support;

/// <summary>A real HTTP server on a free loopback port serving a JWKS document the test can change.</summary>
internal sealed class JwksServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile string _document;
    private int _requests;

    private JwksServer(WebApplication app, string document)
    {
        _app = app;
        _document = document;
    }

    public Uri Url { get; private set; } = null!;

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<JwksServer> StartAsync(string document)
    {
        // An empty builder reads no appsettings, so the service's Kestrel endpoints (copied next to the tests) stay unbound.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var server = new JwksServer(app, document);
        app.MapGet("/.well-known/jwks.json", () =>
        {
            Interlocked.Increment(ref server._requests);
            return Results.Text(server._document, "application/json");
        });
        await app.StartAsync().WithTimeout();
        server.Url = new Uri(new Uri(app.Urls.Single()), "/.well-known/jwks.json");
        return server;
    }

    public void Publish(string document) => _document = document;

    public static string Document(params object[] keys) => JsonSerializer.Serialize(new { keys });

    public static object RsaKey(string keyId, RSA rsa)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return new { kty = "RSA", use = "sig", alg = "RS256", kid = keyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) };
    }

    public static object EcKey(string keyId, ECDsa ecdsa)
    {
        var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        return new { kty = "EC", use = "sig", alg = "ES256", crv = "P-256", kid = keyId, x = Base64UrlEncoder.Encode(parameters.Q.X), y = Base64UrlEncoder.Encode(parameters.Q.Y) };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WithTimeout();
        await _app.DisposeAsync();
    }
}
