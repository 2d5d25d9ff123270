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
using Classroom.Micro.ServiceDefaults.Resilience;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge;

/// <summary>
/// Composition of the edge node, one feature each, called in this order by <c>Program.cs</c>: the node itself,
/// its upstream (auth, registry, fanout replicas and the channel hubs over them), its lease, the client commands,
/// and the drain. The transports (<c>AddClientTransports</c>) come last.
/// </summary>
internal static class EdgeServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="EdgeOptions"/> (timeouts checked in order by <see cref="EdgeTimeoutsValidator"/>), the clock, the
    /// node's identity, metrics and tracing, and the connections it holds with their heartbeat.
    /// </summary>
    public static IHostApplicationBuilder AddEdgeNode(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EdgeOptions>()
            .Bind(builder.Configuration.GetSection(EdgeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EdgeOptions>, EdgeTimeoutsValidator>());

        // Tried, so a test host can register a fake clock first.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EdgeIdentity>();
        services.AddSingleton<EdgeMetrics>();
        services.AddSingleton<DeliveryTracing>();
        services.AddOpenTelemetry().ConfigureResource(resource =>
            resource.AddDetector(provider => new EdgeResourceDetector(provider.GetRequiredService<EdgeIdentity>())));
        services.AddSingleton<SessionDirectory>();
        services.AddSingleton<ConnectionHeartbeat>();
        return builder;
    }

    /// <summary>
    /// The clients of auth and the registry (every command-path call with a deadline), the fanout replicas found by
    /// discovery with a link to each, and the channel hubs and events over them.
    /// </summary>
    public static IHostApplicationBuilder AddEdgeUpstream(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddInternalClient();
        // Each dependency behind its own circuit breaker: while auth or the registry is down, commands fail at once
        // with 100 (temporary) instead of each waiting out a connect timeout or deadline.
        services.AddSingleton(provider => new AuthService.AuthServiceClient(
            GuardedChannel(provider, "auth", provider.GetRequiredService<IOptions<EdgeOptions>>().Value.AuthAddress, InternalServices.Auth)));
        services.AddSingleton(provider => new RegistryService.RegistryServiceClient(
            GuardedChannel(provider, "registry", provider.GetRequiredService<IOptions<EdgeOptions>>().Value.RegistryAddress, InternalServices.Registry)));
        // Every command-path call to auth and the registry has a deadline (Edge:Commands:UpstreamTimeout).
        services.AddSingleton<UpstreamDeadline>();

        services.AddOptions<FanoutReadOptions>().BindConfiguration(FanoutReadOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
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
        return builder;
    }

    /// <summary>The node's lease in the registry, renewed with its numbers, and the readiness that follows it.</summary>
    public static IHostApplicationBuilder AddEdgeLease(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<EdgeSelfReport>();
        services.AddSingleton<EdgeLeaseKeeper>();
        services.AddHostedService(provider => provider.GetRequiredService<EdgeLeaseKeeper>());
        services.AddHealthChecks().AddCheck<EdgeReadinessCheck>("edge", tags: [HealthExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>The client protocol's commands: their limits, permissions, handlers and the dispatcher.</summary>
    public static IHostApplicationBuilder AddClientCommands(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
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
        return builder;
    }

    /// <summary>
    /// The drain on shutdown. Registered after the other features so it is stopped first: clients leave while the
    /// fanout links and the lease still work.
    /// </summary>
    public static IHostApplicationBuilder AddEdgeDrain(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DrainOptions>()
            .Bind(builder.Configuration.GetSection(DrainOptions.SectionName))
            .Validate(options => options.Window >= TimeSpan.Zero, "Edge:Drain:Window must not be negative")
            .ValidateOnStart();
        // The host must outlive the drain window, or the last clients would be cut off without a close code.
        services.Configure<HostOptions>(host =>
            host.ShutdownTimeout = builder.Configuration.GetSection(DrainOptions.SectionName).Get<DrainOptions>()?.Window + TimeSpan.FromSeconds(10)
                ?? TimeSpan.FromSeconds(30));
        services.AddSingleton<EdgeDrain>();
        services.AddHostedService(provider => provider.GetRequiredService<EdgeDrain>());
        return builder;
    }

    private static CallInvoker GuardedChannel(IServiceProvider provider, string dependency, Uri address, string service) =>
        GrpcClientDefaults.CreateChannel(address, provider.GetRequiredService<CallerAssertionIssuer>().To(service)).Intercept(new CircuitBreakerInterceptor(
            dependency,
            provider.GetRequiredService<IOptions<BreakerOptions>>().Value,
            provider.GetRequiredService<TimeProvider>()));
}
