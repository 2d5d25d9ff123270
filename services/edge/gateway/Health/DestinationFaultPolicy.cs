using Classroom.Micro.Gateway.Routing;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Classroom.Micro.Gateway.Health;

/// <summary>
/// Passive health: one proxied request that failed because of the destination (refused connection, timeout,
/// broken upgrade) takes it out of the pool at once. YARP's failure-rate policy waits for a sample of requests,
/// but a classroom's reconnecting clients would all be hashed onto the dead edge until then.
/// </summary>
internal sealed class DestinationFaultPolicy(
    IDestinationHealthUpdater healthUpdater,
    IOptions<GatewayOptions> options,
    ILogger<DestinationFaultPolicy> logger) : IPassiveHealthCheckPolicy
{
    /// <summary>The name clusters use to select this policy.</summary>
    public const string PolicyName = "DestinationFault";

    /// <inheritdoc />
    public string Name => PolicyName;

    /// <inheritdoc />
    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        var error = context.Features.Get<IForwarderErrorFeature>()?.Error ?? ForwarderError.None;
        if (!IsDestinationFault(error))
        {
            return;
        }

        var reactivation = cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? options.Value.PassiveReactivationPeriod;
        HealthLog.DestinationFailed(logger, cluster.ClusterId, destination.DestinationId, error, reactivation);
        healthUpdater.SetPassive(cluster, destination, DestinationHealth.Unhealthy, reactivation);
    }

    /// <summary>Errors the client caused (went away, sent a bad body) say nothing about the destination.</summary>
    internal static bool IsDestinationFault(ForwarderError error) => error is
        ForwarderError.Request or
        ForwarderError.RequestTimedOut or
        ForwarderError.RequestBodyDestination or
        ForwarderError.ResponseHeaders or
        ForwarderError.ResponseBodyDestination or
        ForwarderError.UpgradeRequestDestination or
        ForwarderError.UpgradeResponseDestination;
}
