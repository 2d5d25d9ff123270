namespace Classroom.Micro.Edge.Protocol;

/// <summary>The unsubscribe codes the server sends, with Centrifugo's reason strings.</summary>
internal static class Unsubscribes
{
    /// <summary>Final: the server removed the subscription (for example, access was revoked).</summary>
    public static readonly UnsubscribeReason Server = new(2000, "server unsubscribe");

    /// <summary>The SDK resubscribes and recovers what it missed.</summary>
    public static readonly UnsubscribeReason InsufficientState = new(2500, "insufficient state");

    /// <summary>The SDK resubscribes with a fresh subscription token.</summary>
    public static readonly UnsubscribeReason Expired = new(2501, "subscription expired");
}
