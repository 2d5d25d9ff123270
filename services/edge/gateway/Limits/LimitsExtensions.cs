using Classroom.Micro.Gateway.Routing;

namespace Classroom.Micro.Gateway.Limits;

internal static class LimitsExtensions
{
    public static IHostApplicationBuilder AddConnectRateLimit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConnectRateLimit>();
        return builder;
    }

    /// <summary>Counts every request to a connection path (<c>/connection/*</c>) against its client address.</summary>
    public static WebApplication UseConnectRateLimit(this WebApplication app)
    {
        var limit = app.Services.GetRequiredService<ConnectRateLimit>();
        app.Use((context, next) => context.Request.Path.StartsWithSegments(ProxyConfigFactory.ConnectionPathPrefix, StringComparison.OrdinalIgnoreCase)
            ? limit.InvokeAsync(context, () => next(context))
            : next(context));
        return app;
    }
}
