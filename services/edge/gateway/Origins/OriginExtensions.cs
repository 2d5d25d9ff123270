using Classroom.Micro.Gateway.Routing;

namespace Classroom.Micro.Gateway.Origins;

internal static class OriginExtensions
{
    public static IHostApplicationBuilder AddWebSocketOriginCheck(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WebSocketOriginCheck>();
        return builder;
    }

    /// <summary>Checks the <c>Origin</c> of every request to the WebSocket path before the proxy forwards it.</summary>
    public static WebApplication UseWebSocketOriginCheck(this WebApplication app)
    {
        var check = app.Services.GetRequiredService<WebSocketOriginCheck>();
        app.Use((context, next) => context.Request.Path.Equals(ProxyConfigFactory.WebSocketPath, StringComparison.OrdinalIgnoreCase)
            ? check.InvokeAsync(context, () => next(context))
            : next(context));
        return app;
    }
}
