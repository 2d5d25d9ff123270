namespace Classroom.Micro.EndToEnd.Tests.Telemetry;

/// <summary>The result line of <c>telemetry.mjs</c>.</summary>
internal sealed record TelemetryResult(
    string Channel,
    IReadOnlyList<string> Clients,
    TelemetrySecrets Secrets,
    IReadOnlyList<string> Published,
    string? DeliveryError);

/// <summary>What the scenario presented that must never show up in telemetry.</summary>
internal sealed record TelemetrySecrets(IReadOnlyList<string> Tokens, IReadOnlyList<string> ApiKeys);
