using Classroom.Micro.Registry.V1;
using Classroom.Micro.ServiceDefaults.InternalPlane;

namespace Classroom.Micro.Registry.Grpc;

/// <summary>
/// Who may call the registry: edges keep their leases and subscriptions; the server API lists; auth reads a class's
/// roster. Nobody but an edge changes a lease or a subscription.
/// </summary>
internal static class RegistryCallers
{
    public static InternalCallerPolicy Policy { get; } = new(RegistryService.Descriptor, new Dictionary<string, string[]>
    {
        ["AcquireEdgeLease"] = [InternalServices.Edge],
        ["RenewEdgeLease"] = [InternalServices.Edge],
        ["ReleaseEdgeLease"] = [InternalServices.Edge],
        ["ListEdgeLeases"] = [InternalServices.Api],
        ["AddSubscription"] = [InternalServices.Edge],
        ["RemoveSubscription"] = [InternalServices.Edge],
        ["RemoveConnection"] = [InternalServices.Edge],
        ["ListChannelSubscriptions"] = [InternalServices.Edge, InternalServices.Api, InternalServices.Auth],
        ["ListChannelRoutes"] = [InternalServices.Edge, InternalServices.Api],
        ["ListChannels"] = [InternalServices.Api],
        ["ListConnections"] = [InternalServices.Api],
    });
}
