using Classroom.Micro.Auth.Permissions;

namespace Classroom.Micro.Auth.Rpc;

internal static class RpcExtensions
{
    /// <summary>
    /// Adds gRPC, the channel authorizer behind it, and the standard <c>grpc.health.v1.Health</c> service, which
    /// reports the health checks. Expects <c>AddModeration</c> and <c>AddClassroomRoster</c>.
    /// </summary>
    public static IHostApplicationBuilder AddAuthRpc(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ChannelAuthorizer>();
        builder.Services.AddGrpc(options => options.Interceptors.Add<StateUnavailableInterceptor>());
        builder.Services.AddGrpcHealthChecks();
        return builder;
    }

    public static WebApplication MapAuthRpc(this WebApplication app)
    {
        app.MapGrpcService<AuthRpcService>();
        app.MapGrpcHealthChecksService();
        return app;
    }
}
