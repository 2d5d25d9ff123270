using Classroom.Micro.Fanout.V1;
using Classroom.Micro.ServiceDefaults.InternalPlane;

namespace Classroom.Micro.Fanout.Grpc;

/// <summary>
/// Who may call fanout: edges attach and publish for their clients; the server API publishes, reads and erases
/// history; the registry announces the leaves of a dead edge's connections. Only the server API erases history.
/// </summary>
internal static class FanoutCallers
{
    public static InternalCallerPolicy Policy { get; } = new(FanoutService.Descriptor, new Dictionary<string, string[]>
    {
        ["Publish"] = [InternalServices.Edge, InternalServices.Api],
        ["Attach"] = [InternalServices.Edge],
        ["ReadStream"] = [InternalServices.Edge, InternalServices.Api],
        ["Announce"] = [InternalServices.Edge, InternalServices.Api, InternalServices.Registry],
        ["RemoveHistory"] = [InternalServices.Api],
    });
}
