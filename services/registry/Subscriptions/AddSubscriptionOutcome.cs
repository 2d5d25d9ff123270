namespace Classroom.Micro.Registry.Subscriptions;

/// <summary>Whether a subscription was recorded.</summary>
internal enum AddSubscriptionOutcome
{
    /// <summary>The edge holds no live lease; nothing was recorded.</summary>
    NoLease,

    /// <summary>A new subscription was recorded.</summary>
    Added,

    /// <summary>The subscription was already recorded for this edge; it was refreshed, nothing was counted twice.</summary>
    AlreadyPresent,
}
