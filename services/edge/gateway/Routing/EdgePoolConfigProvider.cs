using Classroom.Micro.ServiceDefaults.Discovery;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace Classroom.Micro.Gateway.Routing;

/// <summary>
/// YARP's configuration with the edges cluster holding discovery's current edges; a new one whenever they change.
/// Destinations that stay keep their id (the address), so YARP keeps their health state and rendezvous hashing keeps
/// their classrooms; a destination that leaves takes no new requests (proxied WebSockets already open stay open).
/// </summary>
internal sealed class EdgePoolConfigProvider(EndpointDiscovery edges, IOptions<GatewayOptions> options, ILogger<EdgePoolConfigProvider> logger)
    : IProxyConfigProvider
{
    public IProxyConfig GetConfig()
    {
        // The token before the edges: a change after the read fires it, and YARP asks again.
        var changed = edges.GetChangeToken();
        var addresses = edges.Endpoints;
        RoutingLog.ProxyConfigured(logger, addresses.Count, addresses, options.Value.AuthAddress);
        return new ProxySnapshot(ProxyConfigFactory.Routes(options.Value), ProxyConfigFactory.Clusters(options.Value, addresses), changed);
    }
}
