using System.Diagnostics.Metrics;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.ServiceDefaults.Telemetry;

namespace Classroom.Micro.Edge.Telemetry;

/// <summary>The edge's instruments, all on the service's one meter.</summary>
internal sealed class EdgeMetrics
{
    public EdgeMetrics(ServiceTelemetry telemetry, SessionDirectory sessions)
    {
        var meter = telemetry.Meter;
        Connections = meter.CreateUpDownCounter<long>("classroom.edge.connections", description: "Open client connections");
        Subscriptions = meter.CreateUpDownCounter<long>("classroom.edge.subscriptions", description: "Channel subscriptions of local clients");
        PublicationsIn = meter.CreateCounter<long>("classroom.edge.publications_in", description: "Publish commands accepted from clients");
        DeliveriesOut = meter.CreateCounter<long>("classroom.edge.deliveries_out", description: "Publication pushes enqueued to sockets");
        DeliveryLatency = meter.CreateHistogram<double>("classroom.edge.delivery_latency", unit: "ms", description: "Time from the fanout append to the edge handing the publication to its sockets");
        SlowDisconnects = meter.CreateCounter<long>("classroom.edge.slow_disconnects", description: "Clients disconnected because their outbound queue was full");
        GapFills = meter.CreateCounter<long>("classroom.edge.gap_fills", description: "Publications read back from the stream to fill a delivery gap");
        Recoveries = meter.CreateCounter<long>("classroom.edge.recoveries", description: "Subscribe recoveries by outcome");
        FanoutReconnects = meter.CreateCounter<long>("classroom.edge.fanout_reconnects", description: "Attach streams to fanout replicas established, the first of each link included (a rate above the replica count means links keep dropping)");
        AuthFailures = meter.CreateCounter<long>("classroom.edge.auth_failures", description: "Connects refused, by reason");
        // Observed only when collected (scrape or export), so the hot path pays nothing for them.
        meter.CreateObservableGauge("classroom.edge.outbound_queue.depth", () => sessions.All.Sum(session => (long)session.QueueDepth),
            "{frame}", "Frames waiting in the outbound queues of all local sockets");
        meter.CreateObservableGauge("classroom.edge.outbound_queue.max_depth", () => sessions.All.Select(session => session.QueueDepth).DefaultIfEmpty().Max(),
            "{frame}", "Frames waiting in the fullest outbound queue of a local socket (the slowest consumer)");
    }

    public UpDownCounter<long> Connections { get; }

    public UpDownCounter<long> Subscriptions { get; }

    public Counter<long> PublicationsIn { get; }

    public Counter<long> DeliveriesOut { get; }

    public Histogram<double> DeliveryLatency { get; }

    public Counter<long> SlowDisconnects { get; }

    public Counter<long> GapFills { get; }

    public Counter<long> Recoveries { get; }

    public Counter<long> FanoutReconnects { get; }

    public Counter<long> AuthFailures { get; }
}
