using System.Net;
using System.Net.WebSockets;
using System.Text;
using Classroom.Micro.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Classroom.Micro.Gateway.Tests.Proxying;

/// <summary>
/// A stand-in for an edge or auth on a free loopback port: switchable <c>/health/ready</c>, a WebSocket at
/// <c>/connection/websocket</c> that sends its own name, <c>POST /connection/http_stream</c> that streams one line
/// naming itself and the node token the gateway gave it, <c>POST /emulation</c> that answers its name, and
/// <c>POST /dev/token</c>.
/// </summary>
internal sealed class FakeUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile bool _ready = true;
    private int _devTokenRequests;
    private int _emulationRequests;
    private int _failedReadyProbes;

    private FakeUpstream(string name, IPAddress address, int port, WebApplication app)
    {
        Name = name;
        Address = new Uri($"http://{address}:{port}");
        _app = app;
    }

    public string Name { get; }

    public Uri Address { get; }

    public int DevTokenRequests => Volatile.Read(ref _devTokenRequests);

    /// <summary>How many <c>POST /emulation</c> requests reached this upstream.</summary>
    public int EmulationRequests => Volatile.Read(ref _emulationRequests);

    /// <summary>How many readiness probes this upstream has answered with 503.</summary>
    public int FailedReadyProbes => Volatile.Read(ref _failedReadyProbes);

    public string? LastForwardedFor { get; private set; }

    public static Task<FakeUpstream> StartAsync(string name) => StartAsync(name, IPAddress.Loopback, FreePort.Next());

    /// <summary>Listens on <paramref name="address"/>:<paramref name="port"/>, e.g. one of several loopback addresses sharing a port like pods behind a Service.</summary>
    public static async Task<FakeUpstream> StartAsync(string name, IPAddress address, int port)
    {
        // The empty builder reads no appsettings.json, so nothing from the gateway's settings leaks in.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(address, port));
        var app = builder.Build();
        var upstream = new FakeUpstream(name, address, port, app);
        app.UseWebSockets();
        app.Run(upstream.HandleAsync);
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));
        return upstream;
    }

    /// <summary>Makes <c>/health/ready</c> answer 200 (true) or 503 (false).</summary>
    public void SetReady(bool ready) => _ready = ready;

    public Task StopAsync() => _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        switch (context.Request.Path.Value)
        {
            case "/health/ready" when _ready:
                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
            case "/health/ready":
                Interlocked.Increment(ref _failedReadyProbes);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            case "/connection/websocket" when context.WebSockets.IsWebSocketRequest:
                await SendNameAsync(context);
                return;
            case "/connection/http_stream" when HttpMethods.IsPost(context.Request.Method):
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync($"{{\"edge\":\"{Name}\",\"node\":\"{context.Request.Headers["X-Classroom-Node"]}\"}}\n", context.RequestAborted);
                return;
            case "/emulation" when HttpMethods.IsPost(context.Request.Method):
                Interlocked.Increment(ref _emulationRequests);
                await context.Response.WriteAsync(Name, context.RequestAborted);
                return;
            case "/dev/token" when HttpMethods.IsPost(context.Request.Method):
                Interlocked.Increment(ref _devTokenRequests);
                LastForwardedFor = context.Request.Headers["X-Forwarded-For"];
                await context.Response.WriteAsJsonAsync(new { token = $"token-from-{Name}" });
                return;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
        }
    }

    private async Task SendNameAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var name = Encoding.UTF8.GetBytes($"{Name}?{context.Request.QueryString.Value?.TrimStart('?')}");
        await socket.SendAsync(name, WebSocketMessageType.Text, endOfMessage: true, context.RequestAborted);
        var buffer = new byte[256];
        try
        {
            // Hold the connection until the client closes it, like a real edge.
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The client or the test's shutdown dropped the connection.
        }
    }
}
