using Classroom.Micro.Edge.Transports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Transports;

/// <summary>
/// The edge's own Origin check (issue #10), with the rules the gateway uses: its own origin (the host the client asked
/// the gateway for), the configured list matched exactly, and requests without Origin as configured.
/// </summary>
public sealed class OriginPolicyTests
{
    [Theory]
    [InlineData("https://evil.example", "edge:7400", null, false)]
    [InlineData("https://school.example.org", "edge:7400", null, true)]
    [InlineData("https://school.example.org.evil.example", "edge:7400", null, false)]
    [InlineData("http://edge:7400", "edge:7400", null, true)]
    [InlineData("https://classroom.example.org", "edge:7400", "classroom.example.org:443", true)]
    [InlineData("https://evil.example", "edge:7400", "classroom.example.org:443", false)]
    [InlineData("https://classroom.example.org", "edge:7400", null, false)]
    [InlineData("null", "edge:7400", null, false)]
    public async Task Only_the_own_or_listed_origins_pass(string origin, string host, string? forwardedHost, bool allowed)
    {
        var check = Check(allowMissing: true, "https://school.example.org");
        var context = Request(origin, host, forwardedHost);

        Assert.Equal(allowed, await check.AdmitAsync(context));
        Assert.Equal(allowed ? StatusCodes.Status200OK : StatusCodes.Status403Forbidden, context.Response.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_request_without_origin_passes_only_when_allowed(bool allowMissing)
    {
        var check = Check(allowMissing);

        Assert.Equal(allowMissing, await check.AdmitAsync(Request(origin: null, "edge:7400", forwardedHost: null)));
    }

    [Theory]
    [InlineData("school.example.org/path")]
    [InlineData("ftp://school.example.org")]
    [InlineData("https://school.example.org/")]
    public void A_malformed_allowed_origin_fails_validation(string origin)
    {
        var options = new TransportOptions { AllowedOrigins = [origin] };

        Assert.NotEmpty(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));
    }

    private static EdgeOriginCheck Check(bool allowMissing, params string[] allowed) =>
        new(Options.Create(new TransportOptions { AllowedOrigins = [.. allowed], AllowMissingOrigin = allowMissing }), NullLogger<EdgeOriginCheck>.Instance);

    private static DefaultHttpContext Request(string? origin, string host, string? forwardedHost)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        context.RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider();
        context.Request.Host = new HostString(host);
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        if (forwardedHost is not null)
        {
            context.Request.Headers["X-Forwarded-Host"] = forwardedHost;
        }

        return context;
    }
}
