using Classroom.Micro.EndToEnd.Tests.Telemetry.Otlp;
using Grpc.Core;

namespace Classroom.Micro.EndToEnd.Tests.Telemetry;

/// <summary><c>opentelemetry.proto.collector.logs.v1.LogsService/Export</c>: keeps every log record.</summary>
internal sealed class LogsReceiverService(ReceivedTelemetry received) : LogsService.LogsServiceBase
{
    public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
    {
        received.Add(request);
        return Task.FromResult(new ExportLogsServiceResponse());
    }
}
