using Classroom.Micro.Auth.Tokens;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Classroom.Micro.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Classroom.Micro.Auth.Tests.Support;

/// <summary>The token validation feature alone, wired exactly as the service wires it, with a fake clock.</summary>
internal sealed class ValidatorHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _started;

    public ValidatorHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddSingleton(Telemetry);
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.AddTokenValidation();
        _host = builder.Build();
    }

    public FakeTimeProvider Time { get; } = new(TestClock.Start);

    /// <summary>A meter of its own, so a listener sees only this host's measurements.</summary>
    public ServiceTelemetry Telemetry { get; } = new($"Classroom.Micro.Auth.Tests.{Guid.NewGuid():N}");

    public TokenValidator Validator => _host.Services.GetRequiredService<TokenValidator>();

    public JwksKeySource Jwks => _host.Services.GetRequiredService<JwksKeySource>();

    public static Dictionary<string, string?> Hs256Settings() => new() { ["Auth:Hs256Secret"] = TestKeys.Secret };

    public Task<TokenVerdict> ValidateAsync(string token) => Validator.ValidateAsync(token, CancellationToken.None).WithTimeout();

    /// <summary>Starts hosted services (the JWKS refresher) and runs start-time options validation.</summary>
    public async Task StartAsync()
    {
        _started = true;
        await _host.StartAsync().WithTimeout();
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await _host.StopAsync().WithTimeout();
        }

        _host.Dispose();
        Telemetry.Dispose();
    }
}
