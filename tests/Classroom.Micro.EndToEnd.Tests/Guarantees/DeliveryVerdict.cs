namespace Classroom.Micro.EndToEnd.Tests.Guarantees;

/// <summary>The property of the delivery guarantee a <see cref="Violation"/> breaks.</summary>
internal enum GuaranteeProperty
{
    /// <summary>An acknowledged publication is missing at a subscriber that was connected at the time or recovered.</summary>
    P1Delivered,

    /// <summary>A publication was sent twice to one subscription, or appended twice.</summary>
    P2ExactlyOnce,

    /// <summary>Offsets not strictly increasing, an unannounced gap, or two members with different orders.</summary>
    P3Order,

    /// <summary>A publish that was not acknowledged got neither an error nor a timeout.</summary>
    P4DefiniteOutcome,
}

/// <summary>One breach of the guarantee, with enough context to find it in the record.</summary>
internal sealed record Violation(GuaranteeProperty Property, string Client, string Detail)
{
    public override string ToString() => $"{Property} [{Client}] {Detail}";
}

/// <summary>A gap the server announced honestly (recovered: false, error 112, a new epoch).</summary>
internal sealed record AnnouncedGap(string Client, string Reason, long At);

/// <summary>What the checker found, violations and figures.</summary>
internal sealed record DeliveryVerdict(
    IReadOnlyList<Violation> Violations,
    IReadOnlyList<AnnouncedGap> AnnouncedGaps,
    DeliveryFigures Figures)
{
    public IEnumerable<Violation> Of(GuaranteeProperty property) => Violations.Where(violation => violation.Property == property);

    public string Describe(int max = 30) =>
        $"{Violations.Count} violations{(Violations.Count > max ? $" (first {max})" : string.Empty)}:\n"
        + string.Join('\n', Violations.Take(max))
        + $"\nannounced gaps: {AnnouncedGaps.Count} [{string.Join(", ", AnnouncedGaps.Take(10).Select(gap => $"{gap.Client}: {gap.Reason}"))}]\n{Figures}";
}

/// <summary>Counts measured from a record.</summary>
internal sealed record DeliveryFigures(
    int Attempts,
    int Acknowledged,
    int Errors,
    int Timeouts,
    int UnacknowledgedButAppended,
    int Recoveries,
    int RecoveredPublications,
    int SdkCausedRedeliveries,
    int SdkOrderInversions,
    int SdkMissing,
    int Sockets,
    IReadOnlyDictionary<int, int> CloseCodes,
    double PublicationsPerSecond,
    long? LongestResubscribeMs)
{
    public override string ToString() =>
        $"attempts {Attempts}, acked {Acknowledged}, errors {Errors}, timeouts {Timeouts}, unacked-but-appended {UnacknowledgedButAppended}, "
        + $"recoveries {Recoveries} ({RecoveredPublications} publications), sdk-caused redeliveries {SdkCausedRedeliveries}, "
        + $"sdk order inversions {SdkOrderInversions}, sdk missing {SdkMissing}, sockets {Sockets}, "
        + $"close codes [{string.Join(", ", CloseCodes.Select(code => $"{code.Key}×{code.Value}"))}], {PublicationsPerSecond:F0} publications/s, "
        + $"longest resubscribe {LongestResubscribeMs} ms";
}
