namespace Classroom.Micro.Registry.Subscriptions;

/// <summary>The outcome of recording a subscription; a missing lease is an expected outcome, not an exception.</summary>
internal readonly record struct AddSubscriptionResult(AddSubscriptionOutcome Outcome, bool RouteCreated)
{
    public static AddSubscriptionResult NoLease { get; } = new(AddSubscriptionOutcome.NoLease, RouteCreated: false);
}
