using System.Collections.Concurrent;
using System.Net;
using Classroom.Micro.Fanout.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Micro.Edge.Tests.Upstream;

/// <summary>
/// A fanout replica served over real gRPC on <c>address:port</c>: it acknowledges interest and keeps the channels an
/// edge declared, counts the Attach streams and connections open right now, and answers publishes.
/// </summary>
internal sealed class FanoutReplica : FanoutService.FanoutServiceBase, IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, bool> _interest = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _openStreams;
    private int _openConnections;
    private int _publishes;

    private FanoutReplica(IPAddress address, int port) => Address = new Uri($"http://{address}:{port}");

    public Uri Address { get; }

    /// <summary>Attach streams open right now.</summary>
    public int OpenStreams => Volatile.Read(ref _openStreams);

    /// <summary>HTTP/2 connections open right now (an edge's channel to the replica holds one until it is disposed).</summary>
    public int OpenConnections => Volatile.Read(ref _openConnections);

    public int Publishes => Volatile.Read(ref _publishes);

    /// <summary>Channels the attached edge declared interest in (and did not withdraw).</summary>
    public IReadOnlyCollection<string> Interest => (IReadOnlyCollection<string>)_interest.Keys;

    public static async Task<FanoutReplica> StartAsync(IPAddress address, int port)
    {
        var replica = new FanoutReplica(address, port);
        // The empty builder reads no appsettings.json, so the edge's settings in the test output do not leak in.
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
        app.MapGrpcService<FanoutReplica>();
        await app.StartAsync().WaitAsync(Timeout);
        replica._app = app;
        return replica;
    }

    public override Task<PublishResponse> Publish(PublishRequest request, ServerCallContext context) =>
        Task.FromResult(new PublishResponse { Offset = (ulong)Interlocked.Increment(ref _publishes), Epoch = "replica" });

    public override async Task Attach(IAsyncStreamReader<EdgeMessage> requestStream, IServerStreamWriter<FanoutMessage> responseStream, ServerCallContext context)
    {
        Interlocked.Increment(ref _openStreams);
        try
        {
            while (await requestStream.MoveNext(context.CancellationToken))
            {
                var message = requestStream.Current;
                var interest = message.Subscribe ?? message.Unsubscribe;
                if (interest is null)
                {
                    continue;
                }

                foreach (var channel in interest.Channels)
                {
                    if (message.Subscribe is not null)
                    {
                        _interest[channel] = true;
                    }
                    else
                    {
                        _interest.TryRemove(channel, out _);
                    }
                }

                await responseStream.WriteAsync(new FanoutMessage { InterestAck = new InterestAck { RequestId = interest.RequestId } }, context.CancellationToken);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException || context.CancellationToken.IsCancellationRequested)
        {
            // The edge closed the stream.
        }
        finally
        {
            // A new stream declares the whole set again, as a real replica forgets an edge that detached.
            _interest.Clear();
            Interlocked.Decrement(ref _openStreams);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().WaitAsync(Timeout);
            await _app.DisposeAsync();
        }
    }
}
