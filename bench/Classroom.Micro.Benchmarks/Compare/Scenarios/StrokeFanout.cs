using Classroom.Micro.Benchmarks.Scenarios;
using Classroom.Micro.Benchmarks.Target;

namespace Classroom.Micro.Benchmarks.Compare.Scenarios;

/// <summary>The open-loop stroke schedule (<see cref="OpenLoopFanout"/>) on any compared system's classrooms.</summary>
internal static class StrokeFanout
{
    public static Task<FanoutResult> RunAsync(
        StrokeClassrooms classrooms, IReadOnlyList<MonitoredService> servers, double ratePerClassroom, int publicationsPerClassroom, int payloadBytes, TimeSpan drainTimeout, CancellationToken cancellationToken) =>
        OpenLoopFanout.RunAsync(
            classrooms.Teachers, classrooms.Members, classrooms.Failures, servers, ratePerClassroom, publicationsPerClassroom, payloadBytes, drainTimeout, cancellationToken);
}
