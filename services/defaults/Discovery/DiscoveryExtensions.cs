using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.ServiceDefaults.Discovery;

/// <summary>Registers a service's one <see cref="EndpointDiscovery"/> (the pool it dials: fanout replicas, edges).</summary>
public static class DiscoveryExtensions
{
    /// <summary>
    /// Binds <see cref="DiscoveryOptions"/> and registers an <see cref="EndpointDiscovery"/> singleton over the entries
    /// <paramref name="addresses"/> returns (read from the service's validated options), refreshed by a hosted service.
    /// </summary>
    public static IHostApplicationBuilder AddEndpointDiscovery(
        this IHostApplicationBuilder builder, string name, Func<IServiceProvider, IEnumerable<Uri>> addresses)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DiscoveryOptions>()
            .Bind(builder.Configuration.GetSection(DiscoveryOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<HostAddressLookup>(Dns.GetHostAddressesAsync);
        builder.Services.AddSingleton(services => new EndpointDiscovery(
            name,
            addresses(services).Select(EndpointTarget.Parse).ToList(),
            services.GetRequiredService<IOptions<DiscoveryOptions>>().Value.RefreshInterval,
            services.GetRequiredService<HostAddressLookup>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<EndpointDiscovery>>()));
        builder.Services.AddHostedService(services => services.GetRequiredService<EndpointDiscovery>());
        return builder;
    }
}
