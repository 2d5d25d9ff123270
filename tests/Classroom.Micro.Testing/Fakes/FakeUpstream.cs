using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Micro.Testing.Fakes;

/// <summary>
/// A <see cref="FakeFanout"/> and/or a <see cref="FakeRegistry"/> served over real gRPC (HTTP/2, no TLS) on
/// <c>address:port</c>, counting the connections open to it right now.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConnectionCounter _connections;
    private readonly FakeFanout? _fanout;
    private readonly FakeRegistry? _registry;

    private FakeUpstream(WebApplication app, ConnectionCounter connections, Uri address, FakeFanout? fanout, FakeRegistry? registry)
    {
        _app = app;
        _connections = connections;
        _fanout = fanout;
        _registry = registry;
        Address = address;
    }

    /// <summary>The fanout served here.</summary>
    public FakeFanout Fanout => _fanout ?? throw new InvalidOperationException("no fanout is served here");

    /// <summary>The registry served here.</summary>
    public FakeRegistry Registry => _registry ?? throw new InvalidOperationException("no registry is served here");

    /// <summary><c>http://address:port/</c>.</summary>
    public Uri Address { get; }

    /// <summary>HTTP/2 connections open right now (a caller's channel holds one until it is disposed).</summary>
    public int OpenConnections => _connections.Open;

    /// <summary>Serves <paramref name="fanout"/> and <paramref name="registry"/> (either may be null) on <c>address:port</c>.</summary>
    public static async Task<FakeUpstream> StartAsync(IPAddress address, int port, FakeFanout? fanout = null, FakeRegistry? registry = null)
    {
        var connections = new ConnectionCounter();
        // The empty builder reads no appsettings.json, so a service's settings in the test output do not leak in.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(address, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.Use(connections.Count);
        }));
        builder.Services.AddGrpc();
        if (fanout is not null)
        {
            builder.Services.AddSingleton(fanout);
        }

        if (registry is not null)
        {
            builder.Services.AddSingleton(registry);
        }

        var app = builder.Build();
        if (fanout is not null)
        {
            app.MapGrpcService<FakeFanout>();
        }

        if (registry is not null)
        {
            app.MapGrpcService<FakeRegistry>();
        }

        await app.StartAsync().WithTimeout();
        return new FakeUpstream(app, connections, new Uri($"http://{address}:{port}"), fanout, registry);
    }

    /// <summary>A new <see cref="FakeFanout"/> alone on <c>address:port</c>.</summary>
    public static Task<FakeUpstream> StartFanoutAsync(IPAddress address, int port) => StartAsync(address, port, fanout: new FakeFanout());

    /// <summary>A new <see cref="FakeRegistry"/> alone on loopback at <paramref name="port"/>.</summary>
    public static Task<FakeUpstream> StartRegistryAsync(int port) => StartAsync(IPAddress.Loopback, port, registry: new FakeRegistry());

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WithTimeout();
        await _app.DisposeAsync();
    }

    private sealed class ConnectionCounter
    {
        private int _open;

        public int Open => Volatile.Read(ref _open);

        public Microsoft.AspNetCore.Connections.ConnectionDelegate Count(Microsoft.AspNetCore.Connections.ConnectionDelegate next) => async connection =>
        {
            Interlocked.Increment(ref _open);
            try
            {
                await next(connection);
            }
            finally
            {
                Interlocked.Decrement(ref _open);
            }
        };
    }
}
