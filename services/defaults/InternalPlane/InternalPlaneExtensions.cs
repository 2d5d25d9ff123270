using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.ServiceDefaults.InternalPlane;

/// <summary>
/// The authenticated internal plane: every service-to-service gRPC call carries a short-lived assertion signed with
/// the calling service's own private key, and every server admits each method only from the callers allowed for it.
/// </summary>
public static class InternalPlaneExtensions
{
    /// <summary>
    /// Binds and validates <see cref="InternalPlaneOptions"/> at start (a missing or malformed key fails the pod) and
    /// registers the <see cref="CallerAssertionIssuer"/> whose <see cref="CallerAssertionIssuer.To"/> credentials
    /// <c>GrpcClientDefaults.CreateChannel</c> callers pass on.
    /// </summary>
    public static IHostApplicationBuilder AddInternalClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InternalPlaneOptions>()
            .Bind(builder.Configuration.GetSection(InternalPlaneOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<InternalPlaneOptions>>().Value;
            return new CallerAssertionIssuer(options.Identity, options.PrivateKey, services.GetService<TimeProvider>() ?? TimeProvider.System, options.AssertionLifetime);
        });
        return builder;
    }

    /// <summary>
    /// <see cref="AddInternalClient"/>, and a server interceptor, run before any other, that admits a gRPC call (but
    /// the health service's) only from a proven caller that <paramref name="policy"/> allows for the method.
    /// </summary>
    public static IHostApplicationBuilder AddInternalServer(this IHostApplicationBuilder builder, InternalCallerPolicy policy)
    {
        builder.AddInternalClient();
        builder.Services.AddSingleton(policy);
        builder.Services.AddSingleton<InternalPlaneMetrics>();
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<InternalPlaneOptions>>().Value;
            return new CallerAssertionValidator(options.Identity, options.Callers, services.GetService<TimeProvider>() ?? TimeProvider.System);
        });
        builder.Services.AddGrpc();
        // Post-configured, so the caller is checked before any interceptor the service registers itself.
        builder.Services.PostConfigure<GrpcServiceOptions>(options =>
        {
            options.Interceptors.Add<InternalCallerInterceptor>();
            var check = options.Interceptors[^1];
            options.Interceptors.RemoveAt(options.Interceptors.Count - 1);
            options.Interceptors.Insert(0, check);
        });
        return builder;
    }
}
