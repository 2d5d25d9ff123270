using Classroom.Micro.Auth.V1;
using Classroom.Micro.Edge.Commands;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Control;
using Classroom.Micro.Edge.Draining;
using Classroom.Micro.Edge.Leases;
using Classroom.Micro.Edge.Subscriptions;
using Classroom.Micro.Edge.Telemetry;
using Classroom.Micro.Edge.Upstream;
using Classroom.Micro.Registry.V1;
using Classroom.Micro.ServiceDefaults.Discovery;
using Classroom.Micro.ServiceDefaults.Grpc;
using Classroom.Micro.ServiceDefaults.Health;
using Classroom.Micro.ServiceDefaults.InternalPlane;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge;

/// <summary>Composition of the edge node.</summary>
internal static class EdgeServiceCollectionExtensions
{
    /// <summary>Options, upstream clients (auth, registry, fanout), channel hubs, command handlers and the lease.</summary>
    public static IHostApplicationBuilder AddEdge(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EdgeOptions>()
            .Bind(builder.Configuration.GetSection(EdgeOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(
                options => options.PingInterval > TimeSpan.Zero && options.ConnectTimeout > TimeSpan.Zero && options.HeartbeatInterval > TimeSpan.Zero,
                "PingInterval, ConnectTimeout and HeartbeatInterval must be positive")
            .ValidateOnStart();

        services.AddOptions<DrainOptions>()
            .Bind(builder.Configuration.GetSection(DrainOptions.SectionName))
            .Validate(options => options.Window >= TimeSpan.Zero, "Edge:Drain:Window must not be negative")
            .ValidateOnStart();
        // The host must outlive the drain window, or the last clients would be cut off without a close code.
        services.Configure<HostOptions>(host =>
            host.ShutdownTimeout = builder.Configuration.GetSection(DrainOptions.SectionName).Get<DrainOptions>()?.Window + TimeSpan.FromSeconds(10)
                ?? TimeSpan.FromSeconds(30));

        builder.AddInternalClient();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<EdgeIdentity>();
        services.AddSingleton<EdgeMetrics>();
        services.AddSingleton<DeliveryTracing>();
        services.AddOpenTelemetry().ConfigureResource(resource =>
            resource.AddDetector(provider => new EdgeResourceDetector(provider.GetRequiredService<EdgeIdentity>())));
        services.AddSingleton<SessionDirectory>();
        services.AddSingleton<ConnectionHeartbeat>();

        services.AddOptions<FanoutReadOptions>().BindConfiguration(FanoutReadOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CommandOptions>()
            .Bind(builder.Configuration.GetSection(CommandOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(options => options.RateBurst >= options.RatePerSecond / 10, "Edge:Commands:RateBurst must hold at least a tenth of RatePerSecond")
            .Validate(options => options.UserRateBurst >= options.UserRatePerSecond / 10, "Edge:Commands:UserRateBurst must hold at least a tenth of UserRatePerSecond")
            .ValidateOnStart();
        services.AddOptions<ConnectionLimitOptions>()
            .Bind(builder.Configuration.GetSection(ConnectionLimitOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(provider => new AuthService.AuthServiceClient(
            GrpcClientDefaults.CreateChannel(provider.GetRequiredService<IOptions<EdgeOptions>>().Value.AuthAddress, provider.GetRequiredService<CallerAssertionIssuer>().To(InternalServices.Auth))));
        services.AddSingleton(provider => new RegistryService.RegistryServiceClient(
            GrpcClientDefaults.CreateChannel(provider.GetRequiredService<IOptions<EdgeOptions>>().Value.RegistryAddress, provider.GetRequiredService<CallerAssertionIssuer>().To(InternalServices.Registry))));
        // Every command-path call to auth and the registry has a deadline (Edge:Commands:UpstreamTimeout).
        services.AddSingleton<UpstreamDeadline>();

        services.AddSingleton<ChannelHubs>();
        services.AddSingleton<ControlCommandHandler>();
        services.AddSingleton<IFanoutEvents, FanoutEventRouter>();
        services.AddSingleton<PresenceAnnouncer>();
        builder.AddEndpointDiscovery("fanout replicas", provider => provider.GetRequiredService<IOptions<EdgeOptions>>().Value.FanoutAddresses);
        services.AddSingleton(provider =>
        {
            var pool = ActivatorUtilities.CreateInstance<FanoutPool>(provider);
            provider.GetRequiredService<ChannelHubs>().Attach(pool);
            return pool;
        });
        services.AddHostedService<FanoutLinksService>();

        services.AddSingleton<EdgeSelfReport>();
        services.AddSingleton<EdgeLeaseKeeper>();
        services.AddHostedService(provider => provider.GetRequiredService<EdgeLeaseKeeper>());
        services.AddHealthChecks().AddCheck<EdgeReadinessCheck>("edge", tags: [HealthExtensions.ReadyTag]);

        services.AddSingleton<ChannelPermissions>();
        services.AddSingleton<CommandRateLimits>();
        services.AddSingleton<LimitMetrics>();
        services.AddSingleton<ServerSubscriptions>();
        services.AddSingleton<ConnectHandler>();
        services.AddSingleton<SubscriptionHandler>();
        services.AddSingleton<PublishHandler>();
        services.AddSingleton<ChannelReadHandler>();
        services.AddSingleton<RpcHandler>();
        services.AddSingleton<CommandDispatcher>();

        // Registered last so it is stopped first: clients leave while the fanout links and the lease still work.
        services.AddSingleton<EdgeDrain>();
        services.AddHostedService(provider => provider.GetRequiredService<EdgeDrain>());
        return builder;
    }
}
