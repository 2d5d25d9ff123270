namespace Classroom.Micro.Registry.Channels;

/// <summary>A channel with at least one subscriber: <paramref name="Subscribers"/> subscriptions, summed over edges.</summary>
internal sealed record ActiveChannel(string Channel, int Subscribers);
