using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Classroom.Micro.Gateway.Balancing;

/// <summary>
/// Sends every connection of a classroom (<c>?classroom=&lt;id&gt;</c>) to the same healthy edge, so a classroom's
/// deliveries stay on one node; connections without a classroom go to the less busy of two random edges.
/// </summary>
internal sealed class ClassroomAffinityPolicy : ILoadBalancingPolicy
{
    /// <summary>The name clusters use to select this policy.</summary>
    public const string PolicyName = "ClassroomAffinity";

    /// <summary>The query parameter that names the classroom.</summary>
    public const string ClassroomQueryKey = "classroom";

    /// <inheritdoc />
    public string Name => PolicyName;

    /// <inheritdoc />
    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        // YARP passes only the destinations its health checks consider available, so a failed edge's classrooms move.
        if (availableDestinations.Count <= 1)
        {
            return availableDestinations.Count == 1 ? availableDestinations[0] : null;
        }

        var classroom = context.Request.Query[ClassroomQueryKey].ToString();
        return string.IsNullOrEmpty(classroom)
            ? LeastBusyOfTwo.Pick(availableDestinations, Random.Shared)
            : RendezvousHash.Choose(classroom, availableDestinations, static destination => destination.DestinationId);
    }
}
