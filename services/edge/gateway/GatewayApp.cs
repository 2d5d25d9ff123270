using Classroom.Micro.Gateway.Limits;
using Classroom.Micro.Gateway.Origins;
using Classroom.Micro.Gateway.Routing;
using Classroom.Micro.Gateway.StaticSite;
using Classroom.Micro.ServiceDefaults;
using Classroom.Micro.ServiceDefaults.Telemetry;

namespace Classroom.Micro.Gateway;

/// <summary>
/// The whole gateway composition, so integration tests run the very same app on a free port in-process.
/// </summary>
internal static class GatewayApp
{
    /// <param name="args">Command-line arguments (settings).</param>
    /// <param name="replaceServices">
    /// Tests only: replaces registrations after the gateway's own, for what a test cannot control for real (DNS answers).
    /// </param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? replaceServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Under a test host the entry assembly is the test runner, not the gateway.
            ApplicationName = typeof(GatewayApp).Assembly.GetName().Name,
        });
        builder.AddServiceDefaults(new ServiceTelemetry("Classroom.Micro.Gateway"));
        builder.AddGatewayProxy();
        builder.AddConnectionOriginCheck();
        builder.AddConnectRateLimit();
        replaceServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseConnectRateLimit();
        app.UseConnectionOriginCheck();
        app.UseClassroomWebApp();
        app.MapDefaultEndpoints();
        app.MapGatewayProxy();
        return app;
    }
}
