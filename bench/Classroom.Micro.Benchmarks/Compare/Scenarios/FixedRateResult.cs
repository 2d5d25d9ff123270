using Classroom.Micro.Benchmarks.Scenarios;

namespace Classroom.Micro.Benchmarks.Compare.Scenarios;

/// <summary>A fixed delivery rate held for a while: what it cost the system's processes and its redis-server.</summary>
/// <param name="TargetDeliveriesPerSecond">The rate asked for (strokes/s per classroom × members per classroom × classrooms).</param>
/// <param name="Fanout">The run's figures (latency, integrity, CPU per process, the load generator included).</param>
/// <param name="ServerCpuSeconds">CPU time of every server process and the redis-server, summed.</param>
/// <param name="ServerCpuMicrosecondsPerDelivery">That, per delivery made.</param>
/// <param name="RedisCommands">Commands the redis-server ran meanwhile (INFO commandstats before and after, INFO itself excluded).</param>
/// <param name="RedisCommandsPerPublication">That, per publication.</param>
/// <param name="TopRedisCommands">The commands that ran most, with their counts.</param>
internal sealed record FixedRateResult(
    double TargetDeliveriesPerSecond,
    FanoutResult Fanout,
    double ServerCpuSeconds,
    double? ServerCpuMicrosecondsPerDelivery,
    long RedisCommands,
    double RedisCommandsPerPublication,
    IReadOnlyDictionary<string, long> TopRedisCommands);
