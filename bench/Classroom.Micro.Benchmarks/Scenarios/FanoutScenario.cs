using Classroom.Micro.Benchmarks.Target;

namespace Classroom.Micro.Benchmarks.Scenarios;

/// <summary>
/// One teacher per classroom publishes whiteboard strokes at a fixed rate (open loop: the schedule does not wait for
/// acknowledgements); every member, the teacher included, must receive every stroke once, in offset order.
/// Measures publish acknowledgement and publish-to-delivery latency.
/// </summary>
internal static class FanoutScenario
{
    public static Task<FanoutResult> RunAsync(
        ConnectedClassrooms classrooms, IReadOnlyList<MonitoredService> services, double ratePerClassroom, int publicationsPerClassroom, int payloadBytes, TimeSpan drainTimeout, CancellationToken cancellationToken) =>
        OpenLoopFanout.RunAsync(
            classrooms.Teachers, classrooms.Members, classrooms.Failures, services, ratePerClassroom, publicationsPerClassroom, payloadBytes, drainTimeout, cancellationToken);
}
