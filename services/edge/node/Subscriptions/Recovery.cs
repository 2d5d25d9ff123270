using Classroom.Micro.Edge.Protocol;

namespace Classroom.Micro.Edge.Subscriptions;

/// <summary>What a recovering join is answered with: whether it recovered, and the publications it missed, oldest first.</summary>
internal readonly record struct Recovery(bool Recovered, IReadOnlyList<PublicationView> Publications)
{
    public static Recovery NotRecovered { get; } = new(false, []);

    public static Recovery NothingMissed { get; } = new(true, []);
}
