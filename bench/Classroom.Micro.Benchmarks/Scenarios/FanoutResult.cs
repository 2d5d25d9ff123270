using Classroom.Micro.Benchmarks.Measurement;

namespace Classroom.Micro.Benchmarks.Scenarios;

/// <summary>What one fanout run measured.</summary>
/// <param name="Classrooms">Classrooms with a publishing teacher.</param>
/// <param name="Members">Members connected across the classrooms (each receives every publication of its classroom).</param>
/// <param name="RatePerClassroom">Publications per second per classroom asked for.</param>
/// <param name="PayloadBytes">Approximate size of each publication's data.</param>
/// <param name="Publications">Publications sent, over every classroom.</param>
/// <param name="PublishSeconds">Wall time from the first publish to the last acknowledgement.</param>
/// <param name="AchievedPublishRate">Publications per second actually sent, over every classroom.</param>
/// <param name="DeliverySeconds">Wall time from the first publish to the last delivery.</param>
/// <param name="DeliveriesPerSecond">Deliveries to members per second of <paramref name="DeliverySeconds"/>.</param>
/// <param name="PublishAck">From sending a publish to its <c>{}</c> reply (the append is durable).</param>
/// <param name="Delivery">From sending a publish to a member reading its <c>pub</c> push.</param>
/// <param name="Integrity">Whether every member got every publication once, in order.</param>
/// <param name="JoinFailures">Members that could not connect or subscribe before the run.</param>
/// <param name="Cpu">CPU each local process used from the first publish to the last delivery (empty against a remote cluster).</param>
internal sealed record FanoutResult(
    int Classrooms,
    int Members,
    double RatePerClassroom,
    int PayloadBytes,
    long Publications,
    double PublishSeconds,
    double AchievedPublishRate,
    double DeliverySeconds,
    double DeliveriesPerSecond,
    LatencySummary PublishAck,
    LatencySummary Delivery,
    DeliveryIntegrity Integrity,
    int JoinFailures,
    IReadOnlyList<ServiceCpu> Cpu)
{
    public bool Passed => Integrity.Intact && JoinFailures == 0;
}
