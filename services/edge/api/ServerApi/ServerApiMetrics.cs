using System.Diagnostics.Metrics;
using Classroom.Micro.ServiceDefaults.Telemetry;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>The server API's instrument, on the edge's one meter.</summary>
internal sealed class ServerApiMetrics(ServiceTelemetry telemetry)
{
    public const string Http = "http";
    public const string Grpc = "grpc";

    private readonly Counter<long> _calls = telemetry.Meter.CreateCounter<long>(
        "classroom.edge.api_calls", description: "Server API calls by method, transport and outcome (0 = success, else the error code)");

    public void Called(string method, string transport, int outcome) =>
        _calls.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("transport", transport), new KeyValuePair<string, object?>("outcome", outcome));
}
