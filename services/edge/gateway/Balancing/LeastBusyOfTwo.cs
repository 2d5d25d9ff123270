using Yarp.ReverseProxy.Model;

namespace Classroom.Micro.Gateway.Balancing;

/// <summary>
/// Power of two choices on YARP's in-flight request count. A proxied WebSocket is one request for its whole life,
/// so the count is the edge's open connections through this gateway.
/// </summary>
internal static class LeastBusyOfTwo
{
    public static DestinationState Pick(IReadOnlyList<DestinationState> destinations, Random random)
    {
        var first = random.Next(destinations.Count);
        // Drawing the second from the others keeps the two choices distinct.
        var second = random.Next(destinations.Count - 1);
        if (second >= first)
        {
            second++;
        }

        var a = destinations[first];
        var b = destinations[second];
        return b.ConcurrentRequestCount < a.ConcurrentRequestCount ? b : a;
    }
}
