using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Classroom.Micro.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Micro.Gateway.Tests.Proxying;

/// <summary>The real gateway app, listening on a free loopback port with real Kestrel.</summary>
internal sealed class RunningGateway : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;

    private RunningGateway(WebApplication app, int port)
    {
        _app = app;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Address { get; }

    public static Task<RunningGateway> StartAsync(IReadOnlyList<FakeUpstream> edges, FakeUpstream auth, TimeSpan healthCheckInterval, params string[] settings) =>
        StartAsync(edges.Select((edge, i) => $"--Gateway:EdgeAddresses:{i}={edge.Address}").Concat(settings.Select(setting => $"--{setting}")), auth, healthCheckInterval, replaceServices: null);

    /// <summary>Starts the gateway with <paramref name="settings"/> (its edge pool and more) and, for tests of discovery, a stand-in DNS.</summary>
    public static async Task<RunningGateway> StartAsync(
        IEnumerable<string> settings, FakeUpstream auth, TimeSpan healthCheckInterval, Action<IServiceCollection>? replaceServices)
    {
        var port = FreePort.Next();
        var args = new List<string>
        {
            $"--Kestrel:Endpoints:Http:Url=http://127.0.0.1:{port}",
            "--Kestrel:Endpoints:Http:Protocols=Http1",
            $"--Gateway:AuthAddress={auth.Address}",
            $"--Gateway:HealthCheckInterval={healthCheckInterval.ToString("c", CultureInfo.InvariantCulture)}",
            $"--Gateway:HealthCheckTimeout={TimeSpan.FromMilliseconds(500).ToString("c", CultureInfo.InvariantCulture)}",
            "--Logging:LogLevel:Default=Warning",
        };
        args.AddRange(settings);

        var app = GatewayApp.Build([.. args], replaceServices);
        await app.StartAsync().WaitAsync(Timeout);
        return new RunningGateway(app, port);
    }

    /// <summary>Opens a WebSocket through the gateway and returns what the edge said first: its name and the query it saw.</summary>
    public async Task<(string Edge, string Query)> GreetingAsync(string? classroom)
    {
        using var socket = await ConnectAsync(classroom);
        var greeting = await ReadGreetingAsync(socket);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(Timeout);
        return greeting;
    }

    public async Task<ClientWebSocket> ConnectAsync(string? classroom, string? origin = null)
    {
        var query = classroom is null ? "?cf_protocol=json" : $"?classroom={Uri.EscapeDataString(classroom)}&cf_protocol=json";
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        try
        {
            await socket.ConnectAsync(new Uri($"ws://{Address.Authority}/connection/websocket{query}"), CancellationToken.None).WaitAsync(Timeout);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static async Task<(string Edge, string Query)> ReadGreetingAsync(ClientWebSocket socket)
    {
        var buffer = new byte[256];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Timeout);
        var parts = Encoding.UTF8.GetString(buffer, 0, received.Count).Split('?', 2);
        return (parts[0], parts[1]);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(Timeout);
        await _app.DisposeAsync();
    }
}
