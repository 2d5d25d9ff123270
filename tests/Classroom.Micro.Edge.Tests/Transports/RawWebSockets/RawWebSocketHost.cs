using System.Diagnostics;
using System.Net;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Telemetry;
using Classroom.Micro.Edge.Transports;
using Classroom.Micro.Edge.Transports.RawWebSockets;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Tests.Transports.RawWebSockets;

/// <summary>
/// A real Kestrel on a random loopback port with the edge's raw WebSocket middleware on its endpoint. Taken-over
/// connections run a real <see cref="ClientSession"/> (it never gets a command a dispatcher would answer); the HTTP
/// pipeline behind answers <c>/hello</c> and, for handshakes the middleware leaves to it, <c>/connection/websocket</c>
/// with a 400 naming itself.
/// </summary>
internal sealed class RawWebSocketHost : IAsyncDisposable
{
    public const string AllowedOrigin = "https://school.example";
    public const string PipelineAnswer = "from the pipeline";

    private readonly WebApplication _app;
    private readonly SessionDirectory _sessions = new();
    private readonly ConnectionHeartbeat _heartbeat;
    private readonly EdgeOptions _options = new() { NodeId = "edge-1", MaxFrameBytes = 1024 };
    private readonly TaskCompletionSource<ClientSession> _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActivitySource _tracing = new($"Classroom.Micro.Edge.Tests.RawWebSockets.{Guid.NewGuid():N}");
    private readonly ActivityListener _listener;

    private RawWebSocketHost(WebApplication app)
    {
        _app = app;
        _heartbeat = new ConnectionHeartbeat(TimeProvider.System, TimeSpan.FromSeconds(1));
        // Every span of this host's own source is recorded, as an exporter with sampling on would.
        _listener = new ActivityListener
        {
            ShouldListenTo = source => ReferenceEquals(source, _tracing),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public bool Draining { get; set; }

    /// <summary>The address the last taken-over connection was given.</summary>
    public string? RemoteAddress { get; private set; }

    /// <summary>The span current while the last taken-over connection's session ran.</summary>
    public Activity? ConnectionSpan { get; private set; }

    public Uri WebSocketUri => new($"ws://127.0.0.1:{Port}/connection/websocket");

    public int Port { get; private set; }

    /// <summary>The session of the first taken-over connection, once it runs.</summary>
    public Task<ClientSession> Opened => _opened.Task;

    public static async Task<RawWebSocketHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // The edge's appsettings.json is in the test's output: its fixed endpoints are not this host's.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        RawWebSocketHost? host = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
            listen.UseRawWebSockets(() => host!.Acceptor(), TimeSpan.FromSeconds(10))));
        var app = builder.Build();
        app.UseWebSockets();
        app.MapGet("/hello", () => PipelineAnswer);
        app.Map("/connection/websocket", (HttpContext context) => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: PipelineAnswer));
        host = new RawWebSocketHost(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        host.Port = new Uri(address).Port;
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _heartbeat.Dispose();
        _listener.Dispose();
        _tracing.Dispose();
    }

    private RawWebSocketAcceptor Acceptor()
    {
        var origins = new EdgeOriginCheck(
            Options.Create(new TransportOptions { AllowedOrigins = [AllowedOrigin], AllowMissingOrigin = true }),
            NullLogger<EdgeOriginCheck>.Instance);
        return new RawWebSocketAcceptor(() => Draining, origins, RunAsync, _tracing);
    }

    private async Task RunAsync(RawWebSocketTransport transport, ConnectionFacts facts)
    {
        RemoteAddress = facts.RemoteAddress;
        ConnectionSpan = Activity.Current;
        var metrics = new EdgeMetrics(new ServiceTelemetry("Classroom.Micro.Edge.Tests"), _sessions);
        using var session = new ClientSession(transport, new EdgeIdentity(Options.Create(_options)), _options, metrics, TimeProvider.System, NullLogger.Instance, _heartbeat);
        var running = session.RunAsync(dispatcher: null!, facts.Aborted);
        _opened.TrySetResult(session);
        await running;
    }
}
