using Classroom.Micro.Registry.V1;
using Classroom.Micro.ServiceDefaults.InternalPlane;
using Classroom.Micro.Testing;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Classroom.Micro.Auth.Tests.Support;

/// <summary>
/// The whole auth service in process, on a fake clock, with a stub registry (<see cref="Registry"/>). Settings given
/// here override appsettings. As a class fixture it starts its own redis-server for the moderation state; the
/// factories a test creates itself get none (they must not touch moderation state).
/// </summary>
public sealed class AuthServiceFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly RedisServer? _redis;

    /// <summary>HS256 with the test secret, dev tokens on (Development), a real Redis: what the gRPC tests share.</summary>
    public AuthServiceFactory()
        : this(new Dictionary<string, string?> { ["Auth:Hs256Secret"] = TestKeys.Secret, ["Auth:DevTokens:Enabled"] = "true" }, "Development")
    {
        _redis = new RedisServer();
    }

    internal AuthServiceFactory(Dictionary<string, string?> settings, string environment = "Testing")
    {
        _settings = settings;
        _environment = environment;
    }

    public FakeTimeProvider Time { get; } = new(TestClock.Start);

    /// <summary>Who the service believes is in class.</summary>
    internal RegistryStub Registry { get; } = new();

    /// <summary>The prefix of every key this service writes.</summary>
    public string KeyPrefix { get; } = RedisServer.UniquePrefix();

    /// <summary>The Redis holding the moderation state (class fixtures only).</summary>
    public RedisServer Redis => _redis ?? throw new InvalidOperationException("This factory runs without Redis.");

    public GrpcChannel CreateGrpcChannel() =>
        GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = TestInternalIdentities.Handler(InternalServices.Edge, InternalServices.Auth, Server.CreateHandler(), Time) });

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        if (_redis is not null)
        {
            await _redis.InitializeAsync();
        }
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in TestInternalIdentities.Settings(InternalServices.Auth))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        if (_redis is not null)
        {
            builder.UseSetting("Redis:Configuration", _redis.Configuration);
            builder.UseSetting("Redis:KeyPrefix", KeyPrefix);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<RegistryService.RegistryServiceClient>(Registry);
        });
    }
}
