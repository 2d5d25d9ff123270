namespace Classroom.Micro.EndToEnd.Tests.Telemetry;

/// <summary>
/// The spans of one client publish, found from its <c>edge.publish</c> span: the fanout's <c>fanout.publish</c> and
/// the <c>edge.deliver</c> spans, each judged by how it is connected to the others.
/// </summary>
internal sealed class PublishTrace
{
    public const string EdgeService = "Classroom.Micro.Edge";
    public const string FanoutService = "Classroom.Micro.Fanout";

    private readonly TraceTree _tree;

    private PublishTrace(ReceivedSpan publish, IReadOnlyList<ReceivedSpan> spans)
    {
        _tree = new TraceTree(spans);
        Publish = publish;
        Spans = spans;
        FanoutPublish = spans.Where(span => span.Name == "fanout.publish" && span.Service == FanoutService).ToList();
        Deliveries = spans.Where(span => span.Name == "edge.deliver" && span.Service == EdgeService).ToList();
    }

    public ReceivedSpan Publish { get; }

    /// <summary>Every span of the trace.</summary>
    public IReadOnlyList<ReceivedSpan> Spans { get; }

    public IReadOnlyList<ReceivedSpan> FanoutPublish { get; }

    public IReadOnlyList<ReceivedSpan> Deliveries { get; }

    /// <summary>The edges (service.instance.id) that delivered this publish.</summary>
    public IEnumerable<string> DeliveringEdges => Deliveries.Select(span => span.Instance).Distinct().Order(StringComparer.Ordinal);

    /// <summary>The traces of every client publish on <paramref name="channel"/>, in the order their publish spans arrived.</summary>
    public static IReadOnlyList<PublishTrace> Find(IReadOnlyList<ReceivedSpan> spans, string channel)
    {
        var byTrace = spans.ToLookup(span => span.TraceId, StringComparer.Ordinal);
        return spans
            .Where(span => span.Name == "edge.publish" && span.Service == EdgeService && span.Attribute("messaging.destination.name") == channel)
            .Select(publish => new PublishTrace(publish, byTrace[publish.TraceId].ToList()))
            .ToList();
    }

    /// <summary>True when <paramref name="span"/> descends from <paramref name="ancestor"/> through parents within the trace.</summary>
    public bool Descends(ReceivedSpan span, ReceivedSpan ancestor) => _tree.Descends(span, ancestor);

    /// <summary>Complete: one fanout publish under the edge publish, and a delivery under it on each of <paramref name="edges"/>.</summary>
    public bool ReachesAll(IEnumerable<string> edges) =>
        FanoutPublish.Count == 1
        && Descends(FanoutPublish[0], Publish)
        && edges.All(edge => Deliveries.Any(delivery => delivery.Instance == edge && delivery.ParentSpanId == FanoutPublish[0].SpanId));

    public override string ToString() =>
        $"trace {Publish.TraceId}:\n  {_tree}";
}
