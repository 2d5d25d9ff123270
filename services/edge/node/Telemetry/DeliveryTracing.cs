using System.Diagnostics;
using Classroom.Micro.ServiceDefaults.Telemetry;

namespace Classroom.Micro.Edge.Telemetry;

/// <summary>
/// The span of a publication handed to this edge's sockets: a consumer span whose parent is the publish that
/// produced it (the delivery's <c>traceparent</c>), so one trace runs from the publishing edge through fanout to
/// every delivering edge.
/// </summary>
internal sealed class DeliveryTracing(ServiceTelemetry telemetry)
{
    public const string SpanName = "edge.deliver";

    /// <summary>
    /// Starts the span of releasing <paramref name="offset"/> of <paramref name="channel"/> to
    /// <paramref name="subscribers"/> local sockets. Without a (valid) traceparent, e.g. for a publication read back
    /// from the stream to fill a gap, the delivery is a trace of its own.
    /// </summary>
    public Activity? StartDeliver(string channel, ulong offset, string? traceparent, int subscribers)
    {
        var source = telemetry.ActivitySource;
        if (!source.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(traceparent, null, isRemote: true, out var parent);
        var activity = source.StartActivity(SpanName, ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.destination.name", channel);
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("classroom.offset", (long)offset);
            activity.SetTag("classroom.edge.local_subscribers", subscribers);
        }

        return activity;
    }
}
