namespace Classroom.Micro.Registry.Subscriptions;

/// <summary>An edge node with <paramref name="Subscribers"/> subscriptions on a channel.</summary>
internal sealed record EdgeRoute(string EdgeId, int Subscribers);
