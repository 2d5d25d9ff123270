namespace Classroom.Micro.Registry.Subscriptions;

/// <summary>Whether a subscription was removed, and whether its edge has no subscriber left on the channel.</summary>
internal readonly record struct RemoveSubscriptionResult(bool Removed, bool RouteRemoved);
