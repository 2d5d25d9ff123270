using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Classroom.Micro.Auth.Tests.Support;

/// <summary>The whole auth service in process, on a fake clock. Settings given here override appsettings.</summary>
public sealed class AuthServiceFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;

    /// <summary>HS256 with the test secret, dev tokens on: what the gRPC tests share.</summary>
    public AuthServiceFactory()
        : this(new Dictionary<string, string?> { ["Auth:Hs256Secret"] = TestKeys.Secret, ["Auth:DevTokens:Enabled"] = "true" })
    {
    }

    internal AuthServiceFactory(Dictionary<string, string?> settings, string environment = "Testing")
    {
        _settings = settings;
        _environment = environment;
    }

    public FakeTimeProvider Time { get; } = new(TestClock.Start);

    public GrpcChannel CreateGrpcChannel() =>
        GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }
}
