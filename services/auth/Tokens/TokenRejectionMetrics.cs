using System.Diagnostics.Metrics;
using Classroom.Micro.ServiceDefaults.Telemetry;

namespace Classroom.Micro.Auth.Tokens;

/// <summary>Counts rejected tokens by reason: a jump in one reason (expired, bad_signature) points at a client or a key rotation.</summary>
internal sealed class TokenRejectionMetrics(ServiceTelemetry telemetry)
{
    public const string InstrumentName = "classroom.auth.token_rejections";

    private readonly Counter<long> _rejections = telemetry.Meter.CreateCounter<long>(
        InstrumentName, unit: "{token}", description: "Tokens that were not valid, by reason.");

    public void Rejected(string reason) => _rejections.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
