namespace Classroom.Micro.Edge.Protocol;

/// <summary>Why the server ends one subscription (an <c>unsubscribe</c> push), keeping the connection.</summary>
internal readonly record struct UnsubscribeReason(int Code, string Reason)
{
    /// <summary>The SDK resubscribes (with recovery) for codes from 2500; below that the subscription ends for good.</summary>
    public bool Resubscribe => Code >= 2500;
}
