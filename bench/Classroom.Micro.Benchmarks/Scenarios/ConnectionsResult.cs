using Classroom.Micro.Benchmarks.Configuration;
using Classroom.Micro.Benchmarks.Measurement;

namespace Classroom.Micro.Benchmarks.Scenarios;

/// <summary>What the connections scenario measured.</summary>
/// <param name="Settings">What the scenario was asked to do.</param>
/// <param name="Classrooms">Classrooms the members were spread over.</param>
/// <param name="Connected">Members connected and subscribed.</param>
/// <param name="JoinFailures">Members that could not connect or subscribe.</param>
/// <param name="FirstFailure">The first join failure's message, if any.</param>
/// <param name="LostWhileIdle">Connections that ended while held idle.</param>
/// <param name="ElapsedSeconds">Wall time of all joins.</param>
/// <param name="JoinsPerSecond">Connect plus subscribe, per second of wall time.</param>
/// <param name="JoinLatency">Connect plus subscribe, per member.</param>
/// <param name="Memory">Every sampled service's memory before and after.</param>
/// <param name="EdgeRssBytesPerConnection">Growth of every edge's RSS, summed, per connection.</param>
/// <param name="EdgeManagedHeapBytesPerConnection">Growth of every edge's managed heap, summed, per connection.</param>
/// <param name="EdgeAllocatedBytesPerJoin">Bytes every edge allocated, summed, per member joined (garbage included).</param>
/// <param name="GatewayRssBytesPerConnection">Growth of the gateway's RSS per connection (it proxies every socket).</param>
internal sealed record ConnectionsResult(
    ConnectionsSettings Settings,
    int Classrooms,
    int Connected,
    int JoinFailures,
    string? FirstFailure,
    int LostWhileIdle,
    double ElapsedSeconds,
    double JoinsPerSecond,
    LatencySummary JoinLatency,
    IReadOnlyList<ServiceMemory> Memory,
    double? EdgeRssBytesPerConnection,
    double? EdgeManagedHeapBytesPerConnection,
    double? EdgeAllocatedBytesPerJoin,
    double? GatewayRssBytesPerConnection)
{
    public bool Passed => JoinFailures == 0 && LostWhileIdle == 0;
}
