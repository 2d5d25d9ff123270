using System.Diagnostics;
using System.Net.WebSockets;
using Classroom.Micro.Benchmarks.Measurement;
using Classroom.Micro.Benchmarks.Protocol;
using Classroom.Micro.Benchmarks.Target;

namespace Classroom.Micro.Benchmarks.Scenarios;

/// <summary>
/// One teacher per classroom publishes whiteboard strokes at a fixed rate, open loop (the schedule never waits for
/// acknowledgements); every member of a publishing classroom, the teacher included, must receive every stroke once and
/// in the server's order. Measures publish acknowledgement and publish-to-delivery latency, deliveries per second and
/// the CPU of every local process meanwhile. The one schedule both the load benchmark and the side-by-side run use.
/// </summary>
internal static class OpenLoopFanout
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    public static async Task<FanoutResult> RunAsync(
        IReadOnlyList<IStrokeMember> teachers,
        IReadOnlyList<IStrokeMember> members,
        int joinFailures,
        IReadOnlyList<MonitoredService> servers,
        double ratePerClassroom,
        int publicationsPerClassroom,
        int payloadBytes,
        TimeSpan drainTimeout,
        CancellationToken cancellationToken)
    {
        var publishing = teachers.Select(teacher => teacher.Classroom).ToHashSet(StringComparer.Ordinal);
        var receivers = members.Where(member => publishing.Contains(member.Classroom)).ToList();
        var acks = new LatencyRecorder();
        var failedPublishes = 0L;
        var total = (long)teachers.Count * publicationsPerClassroom;
        var interval = Stopwatch.Frequency / (ratePerClassroom * Math.Max(1, teachers.Count));
        var publishes = new List<Task>((int)total);

        var cpu = CpuMeter.Start(servers);
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
        while (Stopwatch.GetTimestamp() < deadline && !receivers.All(member => member.ReceivedCount >= publicationsPerClassroom || member.ConnectionLost))
        {
            await Task.Delay(Poll, cancellationToken);
        }

        var cpuUsed = cpu.Stop();
        var integrity = DeliveryIntegrity.None with { FailedPublishes = failedPublishes };
        var latencies = new List<double>((int)Math.Min(int.MaxValue, total * Math.Max(1, receivers.Count) / Math.Max(1, teachers.Count)));
        var lastDelivery = started;
        foreach (var member in members)
        {
            var received = member.TakeReceived();
            integrity = integrity.Add(DeliveryIntegrity.OfMember(received, publishing.Contains(member.Classroom) ? publicationsPerClassroom : 0, member.ConnectionLost));
            foreach (var delivery in received)
            {
                latencies.Add(Stopwatch.GetElapsedTime(delivery.SentAt, delivery.ReceivedAt).TotalMilliseconds);
                lastDelivery = Math.Max(lastDelivery, delivery.ReceivedAt);
            }
        }

        var publishSeconds = Stopwatch.GetElapsedTime(started, published).TotalSeconds;
        var deliverySeconds = Stopwatch.GetElapsedTime(started, lastDelivery).TotalSeconds;
        return new FanoutResult(
            publishing.Count,
            members.Count,
            ratePerClassroom,
            payloadBytes,
            total,
            Math.Round(publishSeconds, 2),
            Math.Round(total / publishSeconds, 1),
            Math.Round(deliverySeconds, 2),
            Math.Round(integrity.Received / Math.Max(deliverySeconds, 0.001), 1),
            acks.Summarise(),
            LatencySummary.Of(latencies),
            integrity,
            joinFailures,
            cpuUsed);

        async Task PublishAsync(IStrokeMember teacher, long sequence)
        {
            var sentAt = Stopwatch.GetTimestamp();
            try
            {
                await teacher.PublishAsync(WhiteboardStroke.Create(sequence, sentAt, payloadBytes), cancellationToken);
                acks.Record(sentAt, Stopwatch.GetTimestamp());
            }
            catch (Exception failure) when (failure is ProtocolException or TimeoutException or WebSocketException)
            {
                Interlocked.Increment(ref failedPublishes);
            }
        }
    }
}
