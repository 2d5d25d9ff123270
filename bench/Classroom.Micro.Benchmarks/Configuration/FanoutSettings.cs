namespace Classroom.Micro.Benchmarks.Configuration;

/// <summary>The fanout scenario: one teacher per classroom publishing to every member.</summary>
/// <param name="Classrooms">Classrooms publishing at once (<c>--classrooms</c>).</param>
/// <param name="ClassroomSize">Members per classroom, the teacher included (<c>--classroom-size</c>).</param>
/// <param name="RatePerClassroom">Publications per second per classroom (<c>--rate</c>).</param>
/// <param name="PublicationsPerClassroom">Publications each teacher sends (<c>--publications</c>).</param>
/// <param name="PayloadBytes">Approximate size of each publication's data (<c>--payload-bytes</c>).</param>
/// <param name="DrainTimeoutSeconds">How long after the last publish every delivery may take to arrive (<c>--drain-timeout-seconds</c>).</param>
internal sealed record FanoutSettings(
    int Classrooms = 10,
    int ClassroomSize = 30,
    double RatePerClassroom = 4,
    int PublicationsPerClassroom = 120,
    int PayloadBytes = 200,
    double DrainTimeoutSeconds = 15);
