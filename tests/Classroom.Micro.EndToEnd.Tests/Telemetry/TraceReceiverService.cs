using Classroom.Micro.EndToEnd.Tests.Telemetry.Otlp;
using Grpc.Core;

namespace Classroom.Micro.EndToEnd.Tests.Telemetry;

/// <summary><c>opentelemetry.proto.collector.trace.v1.TraceService/Export</c>: keeps every span.</summary>
internal sealed class TraceReceiverService(ReceivedTelemetry received) : TraceService.TraceServiceBase
{
    public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
    {
        received.Add(request);
        return Task.FromResult(new ExportTraceServiceResponse());
    }
}
