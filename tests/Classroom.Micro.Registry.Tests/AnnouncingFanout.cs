using System.Net;
using Classroom.Micro.Fanout.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Micro.Registry.Tests;

/// <summary>
/// A fanout replica over real gRPC on <c>address:port</c> that counts the announcements it is handed and the
/// connections open to it right now.
/// </summary>
internal sealed class AnnouncingFanout : FanoutService.FanoutServiceBase, IAsyncDisposable
{
    private WebApplication? _app;
    private int _announcements;
    private int _openConnections;

    public int Announcements => Volatile.Read(ref _announcements);

    /// <summary>HTTP/2 connections open to the replica right now (a caller's channel holds one until it is disposed).</summary>
    public int OpenConnections => Volatile.Read(ref _openConnections);

    public static async Task<AnnouncingFanout> StartAsync(IPAddress address, int port)
    {
        var replica = new AnnouncingFanout();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(address, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.Use(next => async connection =>
            {
                Interlocked.Increment(ref replica._openConnections);
                try
                {
                    await next(connection);
                }
                finally
                {
                    Interlocked.Decrement(ref replica._openConnections);
                }
            });
        }));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(replica);
        var app = builder.Build();
        app.MapGrpcService<AnnouncingFanout>();
        await app.StartAsync().Within();
        replica._app = app;
        return replica;
    }

    public override Task<AnnounceResponse> Announce(AnnounceRequest request, ServerCallContext context)
    {
        Interlocked.Increment(ref _announcements);
        return Task.FromResult(new AnnounceResponse { Edges = 1 });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().Within();
            await _app.DisposeAsync();
        }
    }
}
