using System.Collections.Concurrent;
using Classroom.Micro.EndToEnd.Tests.Telemetry.Otlp;

namespace Classroom.Micro.EndToEnd.Tests.Telemetry;

/// <summary>Everything an <see cref="OtlpReceiver"/> was sent so far, flattened per span and log record.</summary>
internal sealed class ReceivedTelemetry
{
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly ConcurrentQueue<ReceivedLog> _logs = new();

    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];

    public IReadOnlyList<ReceivedLog> Logs => [.. _logs];

    public void Add(ExportTraceServiceRequest request)
    {
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var (service, instance) = Identity(resourceSpans.Resource);
            foreach (var span in resourceSpans.ScopeSpans.SelectMany(scope => scope.Spans))
            {
                var text = OtlpText.Join(
                    [
                        span.Name,
                        span.TraceState,
                        OtlpText.Of(span.Attributes),
                        span.Status?.Message,
                        .. span.Events.Select(spanEvent => spanEvent.Name + " " + OtlpText.Of(spanEvent.Attributes)),
                        .. span.Links.Select(link => link.TraceState + " " + OtlpText.Of(link.Attributes)),
                    ]);
                _spans.Enqueue(new ReceivedSpan(
                    service,
                    instance,
                    OtlpText.Hex(span.TraceId),
                    OtlpText.Hex(span.SpanId),
                    OtlpText.Hex(span.ParentSpanId),
                    span.Name,
                    span.Kind,
                    OtlpText.Map(span.Attributes),
                    span.Links.Select(link => OtlpText.Hex(link.SpanId)).ToList(),
                    text));
            }
        }
    }

    public void Add(ExportLogsServiceRequest request)
    {
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var (service, instance) = Identity(resourceLogs.Resource);
            foreach (var scope in resourceLogs.ScopeLogs)
            {
                foreach (var record in scope.LogRecords)
                {
                    _logs.Enqueue(new ReceivedLog(service, instance, OtlpText.Join(
                        scope.Scope?.Name, record.SeverityText, record.EventName, OtlpText.Of(record.Body), OtlpText.Of(record.Attributes))));
                }
            }
        }
    }

    private static (string Service, string Instance) Identity(Resource? resource)
    {
        var attributes = OtlpText.Map(resource?.Attributes ?? []);
        return (attributes.GetValueOrDefault("service.name", "?"), attributes.GetValueOrDefault("service.instance.id", "?"));
    }
}
