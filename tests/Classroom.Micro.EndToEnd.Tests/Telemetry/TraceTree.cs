namespace Classroom.Micro.EndToEnd.Tests.Telemetry;

/// <summary>The spans of one trace and the parent links between them.</summary>
internal sealed class TraceTree
{
    private readonly Dictionary<string, ReceivedSpan> _bySpanId;

    public TraceTree(IReadOnlyList<ReceivedSpan> spans)
    {
        Spans = spans;
        _bySpanId = spans.GroupBy(span => span.SpanId, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
    }

    /// <summary>Every span of the trace.</summary>
    public IReadOnlyList<ReceivedSpan> Spans { get; }

    /// <summary>The spans without a parent.</summary>
    public IEnumerable<ReceivedSpan> Roots => Spans.Where(span => span.ParentSpanId.Length == 0);

    /// <summary>The spans whose parent is not in the trace (not exported, or never in it).</summary>
    public IEnumerable<ReceivedSpan> Orphans => Spans.Where(span => span.ParentSpanId.Length > 0 && !_bySpanId.ContainsKey(span.ParentSpanId));

    /// <summary>True when <paramref name="span"/> descends from <paramref name="ancestor"/> through parents within the trace.</summary>
    public bool Descends(ReceivedSpan span, ReceivedSpan ancestor)
    {
        var current = span;
        for (var hops = 0; hops < 64 && current is not null; hops++)
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }

            current = _bySpanId.GetValueOrDefault(current.ParentSpanId);
        }

        return false;
    }

    public override string ToString() =>
        string.Join("\n  ", Spans.OrderBy(span => span.Service, StringComparer.Ordinal).Select(span => span.ToString()));
}
