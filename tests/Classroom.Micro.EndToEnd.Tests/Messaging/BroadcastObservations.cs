using System.Text.Json;

namespace Classroom.Micro.EndToEnd.Tests.Messaging;

/// <summary>The final line of <c>broadcast.mjs</c>.</summary>
internal sealed record BroadcastResult(
    string? DeliveryError,
    long PublishMs,
    long DeliveredMs,
    int ExpectedA,
    int ExpectedB,
    DeniedSubscription Denied,
    IReadOnlyList<MemberObservation> Members);

/// <summary>The attempt of a member of classroom A to subscribe to classroom B.</summary>
internal sealed record DeniedSubscription(string Label, string Client, string Channel, bool Subscribed, int? Code, string? Reason);

/// <summary>What one member received on its own classroom's channel: through the SDK, and as the server sent it.</summary>
internal sealed record MemberObservation(
    string Label,
    string Client,
    string Channel,
    int Received,
    int Distinct,
    int Missing,
    int Unexpected,
    int WrongPublisher,
    SentPublications Sent,
    JsonElement? SdkFirstInversion,
    int ForeignPushes,
    IReadOnlyList<JsonElement> Disconnects,
    IReadOnlyList<JsonElement> Errors);

/// <summary>The pub pushes of the member's channel in the order the server wrote them to its socket.</summary>
internal sealed record SentPublications(
    int Count,
    bool OffsetsIncreasing,
    JsonElement? FirstInversion,
    long? FirstOffset,
    long? LastOffset,
    string OrderHash);
