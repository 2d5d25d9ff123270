namespace Classroom.Micro.Benchmarks.Scenarios;

/// <summary>
/// Whether every member got every publication exactly once and in offset order. Any non-zero failure count means
/// the system lost, duplicated or reordered messages under load.
/// </summary>
internal sealed record DeliveryIntegrity(
    long Expected,
    long Received,
    long Missing,
    long Duplicates,
    long OutOfOrder,
    int MembersAffected,
    int ConnectionsLost,
    long FailedPublishes)
{
    public bool Intact => Missing == 0 && Duplicates == 0 && OutOfOrder == 0 && ConnectionsLost == 0 && FailedPublishes == 0;

    /// <summary>Checks one member's deliveries against the publications 0..<paramref name="publications"/>-1 of its classroom.</summary>
    public static DeliveryIntegrity OfMember(IReadOnlyList<ReceivedStroke> received, long publications, bool connectionLost)
    {
        var seen = new HashSet<long>();
        long duplicates = 0;
        long outOfOrder = 0;
        for (var i = 0; i < received.Count; i++)
        {
            if (!seen.Add(received[i].Sequence))
            {
                duplicates++;
            }
            else if (i > 0 && (received[i].Offset <= received[i - 1].Offset || received[i].Sequence <= received[i - 1].Sequence))
            {
                outOfOrder++;
            }
        }

        var missing = Enumerable.Range(0, (int)publications).LongCount(sequence => !seen.Contains(sequence));
        var affected = missing + duplicates + outOfOrder > 0 || connectionLost ? 1 : 0;
        return new DeliveryIntegrity(publications, received.Count, missing, duplicates, outOfOrder, affected, connectionLost ? 1 : 0, 0);
    }

    public DeliveryIntegrity Add(DeliveryIntegrity other) => new(
        Expected + other.Expected,
        Received + other.Received,
        Missing + other.Missing,
        Duplicates + other.Duplicates,
        OutOfOrder + other.OutOfOrder,
        MembersAffected + other.MembersAffected,
        ConnectionsLost + other.ConnectionsLost,
        FailedPublishes + other.FailedPublishes);

    public static DeliveryIntegrity None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);
}
