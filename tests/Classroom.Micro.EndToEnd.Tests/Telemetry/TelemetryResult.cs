namespace Classroom.Micro.EndToEnd.Tests.Telemetry;

/// <summary>The result line of <c>telemetry.mjs</c>.</summary>
internal sealed record TelemetryResult(
    string Channel,
    IReadOnlyList<string> Clients,
    TelemetrySecrets Secrets,
    IReadOnlyList<string> Published,
    string? DeliveryError,
    TelemetryVisitor Visitor);

/// <summary>What the scenario presented that must never show up in telemetry.</summary>
internal sealed record TelemetrySecrets(IReadOnlyList<string> Tokens, IReadOnlyList<string> ApiKeys);

/// <summary>The client that connected through the gateway: its connection id, the edge that took it, the channel it subscribed to.</summary>
internal sealed record TelemetryVisitor(string Client, string? Node, string Channel);
