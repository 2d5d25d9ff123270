namespace Classroom.Micro.Auth.Rpc;

internal static class RpcExtensions
{
    /// <summary>Adds gRPC and the standard <c>grpc.health.v1.Health</c> service, which reports the health checks.</summary>
    public static IHostApplicationBuilder AddAuthRpc(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGrpc();
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
