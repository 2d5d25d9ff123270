using System.Text.Json;

namespace Classroom.Micro.EndToEnd.Tests.Subscriptions;

/// <summary>One client of <c>hold.mjs</c>: where it connected (<c>edge-0</c>, <c>edge-1</c>, <c>gateway</c>) and what it saw.</summary>
internal sealed record HeldClient(
    string Label,
    string Target,
    string Client,
    IReadOnlyList<string> ClientIds,
    string State,
    IReadOnlyList<JsonElement> Disconnects,
    IReadOnlyList<JsonElement> Errors);

/// <summary>A checkpoint or the result of <c>hold.mjs</c>.</summary>
internal sealed record HeldClients(string Channel, IReadOnlyList<HeldClient> Clients);
