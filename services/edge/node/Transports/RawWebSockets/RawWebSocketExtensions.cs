using Classroom.Micro.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Transports.RawWebSockets;

internal static class RawWebSocketExtensions
{
    /// <summary>
    /// Puts <see cref="RawWebSocketMiddleware"/> in front of every HTTP/1.1 endpoint of the edge, unless
    /// <c>Edge:Transports:RawWebSocket</c> is false. HTTP/2-only endpoints (the gRPC plane) are left as they are.
    /// </summary>
    public static WebApplicationBuilder AddRawWebSockets(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RawWebSocketOptions.SectionName).Get<RawWebSocketOptions>() ?? new RawWebSocketOptions();
        builder.Services.AddSingleton(Options.Create(options));
        if (!options.RawWebSocket)
        {
            return builder;
        }

        builder.Services.AddSingleton(provider => new RawWebSocketAcceptor(provider.GetRequiredService<ConnectionRunner>(), provider.GetRequiredService<ServiceTelemetry>()));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
        {
            var services = listen.ApplicationServices;
            listen.UseRawWebSockets(
                () => services.GetRequiredService<RawWebSocketAcceptor>(),
                kestrel.Limits.RequestHeadersTimeout);
        }));
        return builder;
    }

    /// <summary>Adds the middleware to one endpoint; it stays out of the way when the endpoint does not speak HTTP/1.1.</summary>
    public static ListenOptions UseRawWebSockets(this ListenOptions listen, Func<RawWebSocketAcceptor> acceptor, TimeSpan handshakeTimeout)
    {
        ArgumentNullException.ThrowIfNull(listen);
        // Built when Kestrel binds, after the endpoint's protocols were read from configuration.
        listen.Use(next => (listen.Protocols & HttpProtocols.Http1) == 0
            ? next
            : new RawWebSocketMiddleware(next, acceptor(), handshakeTimeout).OnConnectionAsync);
        return listen;
    }
}
