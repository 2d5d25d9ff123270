using Classroom.Micro.EndToEnd.Tests.Telemetry.Otlp;

namespace Classroom.Micro.EndToEnd.Tests.Telemetry;

/// <summary>
/// One exported span with the process that produced it (<c>service.name</c>, <c>service.instance.id</c>); ids in
/// lowercase hex as in a <c>traceparent</c>. <see cref="Text"/> is every string the span carries, for leak scans.
/// </summary>
internal sealed record ReceivedSpan(
    string Service,
    string Instance,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    Span.Types.SpanKind Kind,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<string> LinkedSpanIds,
    string Text)
{
    public string? Attribute(string key) => Attributes.GetValueOrDefault(key);

    public override string ToString() => $"{Name} [{Service}/{Instance}] {TraceId}/{SpanId} parent {ParentSpanId}";
}
