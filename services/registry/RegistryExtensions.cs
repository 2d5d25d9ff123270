using Classroom.Micro.Registry.Grpc;
using Classroom.Micro.Registry.Leases;
using Classroom.Micro.Registry.Presence;
using Classroom.Micro.Registry.Storage;
using Classroom.Micro.Registry.Telemetry;
using Classroom.Micro.ServiceDefaults.Discovery;
using Classroom.Micro.ServiceDefaults.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Registry;

/// <summary>Composition of the registry: options, the Redis store, the lease sweeper and the gRPC endpoints.</summary>
internal static class RegistryExtensions
{
    /// <summary>Registers the registry. Expects <c>AddClassroomRedis</c> to have registered the Redis connection.</summary>
    public static IHostApplicationBuilder AddRegistry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RegistryOptions>()
            .Bind(builder.Configuration.GetSection(RegistryOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // A brace in the prefix would become the hash tag of every key and put the whole registry in one slot.
        builder.Services.AddOptions<RedisOptions>()
            .Validate(options => options.KeyPrefix.IndexOfAny(['{', '}']) < 0, "Redis:KeyPrefix must not contain '{' or '}'");

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services => new RegistryKeys(services.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix));
        builder.Services.AddSingleton<RegistryMetrics>();
        builder.AddEndpointDiscovery("fanout replicas", services => services.GetRequiredService<IOptions<RegistryOptions>>().Value.FanoutAddresses);
        builder.Services.AddSingleton<LeaveAnnouncer>();
        builder.Services.AddSingleton<RedisRegistryStore>();
        builder.Services.AddHostedService<LeaseSweeper>();

        builder.Services.AddGrpc(options => options.Interceptors.Add<RedisFailureInterceptor>());
        builder.Services.AddGrpcHealthChecks();
        return builder;
    }

    /// <summary>Maps the registry's gRPC service and the standard <c>grpc.health.v1.Health</c> service.</summary>
    public static WebApplication MapRegistry(this WebApplication app)
    {
        app.MapGrpcService<RegistryGrpcService>();
        app.MapGrpcHealthChecksService();
        return app;
    }
}
