using Classroom.Micro.Registry.V1;
using Classroom.Micro.ServiceDefaults.InternalPlane;
using Classroom.Micro.Testing;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Micro.Registry.Tests;

/// <summary>The real registry service in-process (TestServer), on the test's redis-server and key prefix.</summary>
internal sealed class RegistryHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly GrpcChannel _channel;

    public RegistryHost(RedisServer redis, IReadOnlyDictionary<string, string>? settings = null, TimeProvider? time = null)
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Redis:Configuration", redis.Configuration);
            foreach (var (key, value) in TestInternalIdentities.Settings(InternalServices.Registry))
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting("Redis:KeyPrefix", RedisServer.UniquePrefix());
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                builder.UseSetting(key, value);
            }

            if (time is not null)
            {
                builder.ConfigureTestServices(services => services.AddSingleton(time));
            }
        });
        try
        {
            _channel = GrpcChannel.ForAddress(_factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = TestInternalIdentities.Handler(InternalServices.Registry, _factory.Server.CreateHandler(), time) });
        }
        catch
        {
            _factory.Dispose();
            throw;
        }

        Client = new RegistryService.RegistryServiceClient(_channel);
    }

    public RegistryService.RegistryServiceClient Client { get; }

    public GrpcChannel Channel => _channel;


    /// <summary>A handler into the test server that carries no internal key.</summary>
    public HttpMessageHandler CreateBareHandler() => _factory.Server.CreateHandler();

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _factory.DisposeAsync();
    }
}
