using System.Globalization;
using System.Net;
using Classroom.Micro.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Classroom.Micro.EndToEnd.Tests.Telemetry;

/// <summary>
/// A minimal OTLP/gRPC collector on a free loopback port: the services export their spans and logs to it
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), and it keeps them in <see cref="Received"/> for assertions.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app, Uri endpoint, ReceivedTelemetry received)
    {
        _app = app;
        Endpoint = endpoint;
        Received = received;
    }

    /// <summary>Where exporters send (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> with protocol <c>grpc</c>).</summary>
    public Uri Endpoint { get; }

    public ReceivedTelemetry Received { get; }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var port = FreePort.Next();
        var received = new ReceivedTelemetry();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(options => options.MaxReceiveMessageSize = 64 * 1024 * 1024);
        builder.Services.AddSingleton(received);
        var app = builder.Build();
        app.MapGrpcService<TraceReceiverService>();
        app.MapGrpcService<LogsReceiverService>();
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return new OtlpReceiver(app, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")), received);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _app.DisposeAsync();
    }
}
