using System.Diagnostics.Metrics;
using Classroom.Micro.ServiceDefaults.Telemetry;

namespace Classroom.Micro.Fanout.Telemetry;

/// <summary>The fanout's instruments, all on the service's one meter. No channel tags: channels are unbounded.</summary>
internal sealed class FanoutMetrics
{
    private readonly Counter<long> _publications;
    private readonly Counter<long> _deliveries;
    private readonly Histogram<double> _appendDuration;
    private readonly UpDownCounter<long> _attachedEdges;
    private readonly Counter<long> _redisErrors;
    private readonly Counter<long> _slowEdgesDropped;

    public FanoutMetrics(ServiceTelemetry telemetry)
    {
        var meter = telemetry.Meter;
        _publications = meter.CreateCounter<long>("classroom.fanout.publications", "{publication}", "Publications appended by this replica.");
        _deliveries = meter.CreateCounter<long>("classroom.fanout.deliveries", "{delivery}", "Deliveries written to attached edges, one per edge and publication.");
        _appendDuration = meter.CreateHistogram<double>("classroom.fanout.append.duration", "ms", "Time to append a publication durably.");
        _attachedEdges = meter.CreateUpDownCounter<long>("classroom.fanout.attached_edges", "{edge}", "Edge streams attached to this replica.");
        _redisErrors = meter.CreateCounter<long>("classroom.fanout.redis.errors", "{error}", "Failed Redis operations.");
        _slowEdgesDropped = meter.CreateCounter<long>("classroom.fanout.slow_edges_dropped", "{edge}", "Edge streams ended because their queue was full.");
    }

    public void Published() => _publications.Add(1);

    public void Delivered(int count)
    {
        if (count > 0)
        {
            _deliveries.Add(count);
        }
    }

    public void AppendTook(TimeSpan duration) => _appendDuration.Record(duration.TotalMilliseconds);

    public void EdgeAttached() => _attachedEdges.Add(1);

    public void EdgeDetached() => _attachedEdges.Add(-1);

    public void RedisFailed(string operation) => _redisErrors.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void SlowEdgeDropped() => _slowEdgesDropped.Add(1);
}
