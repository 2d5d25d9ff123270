using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.ServiceDefaults.InternalPlane;

/// <summary>The authenticated internal plane: every service-to-service gRPC call carries the deployment's internal key.</summary>
public static class InternalPlaneExtensions
{
    /// <summary>
    /// Binds and validates <see cref="InternalPlaneOptions"/> at start (a missing or short key fails the pod) and
    /// registers the <see cref="InternalKey"/> that <c>GrpcClientDefaults.CreateChannel</c> callers pass on.
    /// </summary>
    public static IHostApplicationBuilder AddInternalClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InternalPlaneOptions>()
            .Bind(builder.Configuration.GetSection(InternalPlaneOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(services => new InternalKey(services.GetRequiredService<IOptions<InternalPlaneOptions>>().Value.Key));
        return builder;
    }

    /// <summary>
    /// <see cref="AddInternalClient"/>, and a server interceptor, run before any other, that refuses every gRPC call
    /// (but the health service) without the key.
    /// </summary>
    public static IHostApplicationBuilder AddInternalServer(this IHostApplicationBuilder builder)
    {
        builder.AddInternalClient();
        builder.Services.AddGrpc();
        // Post-configured, so the key is checked before any interceptor the service registers itself.
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
