using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Micro.AppHost;

internal static class LocalServiceExtensions
{
    private const string HttpEndpoint = "http";
    private const string GrpcEndpoint = "grpc";
    private const string ReadyPath = "/health/ready";

    /// <summary>
    /// Adds a service bound by the standard Kestrel settings to fixed loopback ports. The endpoints are declared
    /// unproxied and kept out of the service's environment, so Aspire neither holds the ports itself nor injects
    /// ASPNETCORE_URLS; they serve the dashboard's links and the readiness check that <c>WaitFor</c> waits on.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(this IDistributedApplicationBuilder builder, string name, int httpPort, int? grpcPort = null)
        where TProject : IProjectMetadata, new()
    {
        var service = builder
            .AddProject<TProject>(name, static options =>
            {
                options.ExcludeLaunchProfile = true;
                options.ExcludeKestrelEndpoints = true;
            })
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
            .WithLoopbackEndpoint(HttpEndpoint, httpPort, "Http1");

        if (grpcPort is { } port)
        {
            service.WithLoopbackEndpoint(GrpcEndpoint, port, "Http2");
        }

        return service
            .WithEndpointsInEnvironment(static _ => false)
            .WithHttpHealthCheck(ReadyPath, endpointName: HttpEndpoint);
    }

    /// <summary>Runs redis-server on a loopback port with its data in <paramref name="dataDirectory"/>, healthy once it answers PING.</summary>
    public static IResourceBuilder<ExecutableResource> AddLocalRedis(this IDistributedApplicationBuilder builder, string name, int port, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var healthCheck = $"{name}-ping";
        builder.Services.AddHealthChecks().AddCheck(healthCheck, new RedisPingHealthCheck(port));
        var portText = port.ToString(CultureInfo.InvariantCulture);
        return builder
            .AddExecutable(name, "redis-server", dataDirectory, "--port", portText, "--bind", "127.0.0.1", "--dir", dataDirectory)
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHealthCheck(healthCheck);
    }

    private static IResourceBuilder<ProjectResource> WithLoopbackEndpoint(this IResourceBuilder<ProjectResource> service, string name, int port, string protocols)
    {
        // Kestrel endpoint names are the ones the services' own settings use: Http and Grpc.
        var kestrelName = string.Concat(char.ToUpperInvariant(name[0]), name[1..]);
        return service
            .WithHttpEndpoint(port: port, targetPort: port, name: name, isProxied: false)
            .WithEndpoint(name, static endpoint => endpoint.TargetHost = "127.0.0.1")
            .WithEnvironment($"Kestrel__Endpoints__{kestrelName}__Url", LocalPorts.Loopback(port))
            .WithEnvironment($"Kestrel__Endpoints__{kestrelName}__Protocols", protocols);
    }
}
