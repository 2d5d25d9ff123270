using System.Diagnostics;
using Classroom.Micro.Benchmarks.Measurement;
using Classroom.Micro.Benchmarks.Protocol;
using Classroom.Micro.Benchmarks.Target;

namespace Classroom.Micro.Benchmarks.Scenarios;

/// <summary>
/// One teacher per classroom publishes whiteboard strokes at a fixed rate (open loop: the schedule does not wait for
/// acknowledgements); every member, the teacher included, must receive every stroke once, in offset order.
/// Measures publish acknowledgement and publish-to-delivery latency.
/// </summary>
internal static class FanoutScenario
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static async Task<FanoutResult> RunAsync(
        ConnectedClassrooms classrooms, IReadOnlyList<MonitoredService> services, double ratePerClassroom, int publicationsPerClassroom, int payloadBytes, TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        var teachers = classrooms.Teachers;
        var publishing = teachers.Select(teacher => teacher.Classroom).ToHashSet(StringComparer.Ordinal);
        var acks = new LatencyRecorder();
        var failedPublishes = 0L;
        var total = (long)teachers.Count * publicationsPerClassroom;
        var interval = Stopwatch.Frequency / (ratePerClassroom * teachers.Count);
        var publishes = new List<Task>((int)total);

        var cpu = CpuMeter.Start(services);
        var started = Stopwatch.GetTimestamp();
        for (var k = 0L; k < total; k++)
        {
            var due = started + (long)(k * interval);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            publishes.Add(PublishAsync(teachers[(int)(k % teachers.Count)], k / teachers.Count));
        }

        await Task.WhenAll(publishes);
        var published = Stopwatch.GetTimestamp();

        var deadline = Stopwatch.GetTimestamp() + (long)(drainTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline && !classrooms.Members.All(member => !publishing.Contains(member.Classroom) || member.Ledger.Count >= publicationsPerClassroom))
        {
            await Task.Delay(Poll, cancellationToken);
        }

        var cpuUsed = cpu.Stop();

        var integrity = DeliveryIntegrity.None with { FailedPublishes = failedPublishes };
        var deliveryLatencies = new List<double>();
        var lastDelivery = started;
        foreach (var member in classrooms.Members)
        {
            var received = member.Ledger.Take();
            integrity = integrity.Add(DeliveryIntegrity.OfMember(
                received, publishing.Contains(member.Classroom) ? publicationsPerClassroom : 0, member.ConnectionLost));
            foreach (var delivery in received)
            {
                deliveryLatencies.Add(Stopwatch.GetElapsedTime(delivery.SentAt, delivery.ReceivedAt).TotalMilliseconds);
                lastDelivery = Math.Max(lastDelivery, delivery.ReceivedAt);
            }
        }

        var publishSeconds = Stopwatch.GetElapsedTime(started, published).TotalSeconds;
        var deliverySeconds = Stopwatch.GetElapsedTime(started, lastDelivery).TotalSeconds;
        return new FanoutResult(
            publishing.Count,
            classrooms.Members.Count,
            ratePerClassroom,
            payloadBytes,
            total,
            Math.Round(publishSeconds, 2),
            Math.Round(total / publishSeconds, 1),
            Math.Round(deliverySeconds, 2),
            Math.Round(integrity.Received / Math.Max(deliverySeconds, 0.001), 1),
            acks.Summarise(),
            LatencySummary.Of(deliveryLatencies),
            integrity,
            classrooms.Failures,
            cpuUsed);

        async Task PublishAsync(ClassroomMember teacher, long sequence)
        {
            var sentAt = Stopwatch.GetTimestamp();
            try
            {
                await teacher.Client.PublishAsync(teacher.Channel, WhiteboardStroke.Create(sequence, sentAt, payloadBytes), cancellationToken);
                acks.Record(sentAt, Stopwatch.GetTimestamp());
            }
            catch (Exception failure) when (failure is ProtocolException or TimeoutException or System.Net.WebSockets.WebSocketException)
            {
                Interlocked.Increment(ref failedPublishes);
            }
        }
    }
}
