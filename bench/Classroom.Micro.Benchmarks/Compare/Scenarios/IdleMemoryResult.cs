using Classroom.Micro.Benchmarks.Measurement;

namespace Classroom.Micro.Benchmarks.Compare.Scenarios;

/// <summary>Server memory held by idle subscribed connections, at each size asked for.</summary>
/// <param name="Points">One per size, in order.</param>
/// <param name="JoinFailures">Members that could not join.</param>
/// <param name="FirstFailure">The first join failure's message, if any.</param>
/// <param name="LostWhileIdle">Connections the servers closed while they were held idle.</param>
/// <param name="IdleCpuPercentOfOneCore">CPU of every server process and the redis-server while the largest size was held idle, in % of one core.</param>
/// <param name="IdleCpuByProcess">That, per process.</param>
internal sealed record IdleMemoryResult(
    IReadOnlyList<IdleMemoryPoint> Points,
    int JoinFailures,
    string? FirstFailure,
    int LostWhileIdle,
    double IdleCpuPercentOfOneCore,
    IReadOnlyList<ServiceCpu> IdleCpuByProcess);

/// <summary>The servers' memory with <paramref name="Connections"/> idle subscribed connections held.</summary>
/// <param name="Connections">Connections held.</param>
/// <param name="RssBytes">RSS of every server process and the redis-server, summed.</param>
/// <param name="RssBytesPerConnection">Growth of that sum since before the first connection, per connection.</param>
/// <param name="RssByProcess">Each process's RSS.</param>
internal sealed record IdleMemoryPoint(int Connections, long RssBytes, double RssBytesPerConnection, IReadOnlyDictionary<string, long> RssByProcess);
