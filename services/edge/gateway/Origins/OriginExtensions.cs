using Classroom.Micro.Gateway.Routing;

namespace Classroom.Micro.Gateway.Origins;

internal static class OriginExtensions
{
    public static IHostApplicationBuilder AddConnectionOriginCheck(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConnectionOriginCheck>();
        return builder;
    }

    /// <summary>Checks the <c>Origin</c> of every request to a connection path (and <c>/emulation</c>) before the proxy forwards it.</summary>
    public static WebApplication UseConnectionOriginCheck(this WebApplication app)
    {
        var check = app.Services.GetRequiredService<ConnectionOriginCheck>();
        app.Use((context, next) => ProxyConfigFactory.IsConnectionPath(context.Request.Path)
            ? check.InvokeAsync(context, () => next(context))
            : next(context));
        return app;
    }
}
