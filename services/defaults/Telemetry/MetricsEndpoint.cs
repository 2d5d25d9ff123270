using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Classroom.Micro.ServiceDefaults.Telemetry;

/// <summary>
/// Prometheus scraping at <c>/metrics</c> on the service's HTTP/1.1 endpoint (the port the chart's ServiceMonitor
/// scrapes), for clusters that scrape instead of receiving OTLP.
/// </summary>
public static class MetricsEndpoint
{
    /// <summary>Path of the Prometheus text exposition.</summary>
    public const string Path = "/metrics";

    /// <summary>
    /// True for a scrape on the HTTP/1.x endpoint. gRPC endpoints are HTTP/2 only (docs/architecture.md), so the
    /// protocol tells the endpoints apart even behind a port mapping, where the local port would not.
    /// </summary>
    public static bool IsScrape(HttpContext context) =>
        context.Request.Path.Equals(Path, StringComparison.Ordinal)
        && (HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol));

    internal static void UseClassroomMetricsEndpoint(this WebApplication app) =>
        app.UseOpenTelemetryPrometheusScrapingEndpoint(IsScrape);
}
