using Classroom.Micro.Benchmarks.Measurement;
using Classroom.Micro.Benchmarks.Scenarios;

namespace Classroom.Micro.Benchmarks.Compare.Scenarios;

/// <summary>
/// The reconnect storm: members spread over two edges, one edge killed with SIGKILL while teachers keep publishing,
/// its members reconnecting to the survivor and recovering what they missed.
/// </summary>
/// <param name="ConnectionsPerEdge">Members held on each edge before the kill.</param>
/// <param name="Killed">Members whose edge was killed.</param>
/// <param name="Resumed">Of those, members that joined again (connect + recovering subscribe answered).</param>
/// <param name="Recovered">Of those, members whose subscribe answered <c>recovered: true</c>.</param>
/// <param name="RecoveredWithinTarget">Members recovered within <see cref="TargetSeconds"/> of the kill.</param>
/// <param name="TargetSeconds">The recovery bound the figure above counts against.</param>
/// <param name="FirstFailure">Why the first member that could not resume failed, if one did.</param>
/// <param name="KillToRecovered">From the kill to each recovered member's subscribe answer.</param>
/// <param name="PublicationsPerClassroom">Strokes each teacher published, before, during and after the kill.</param>
/// <param name="Integrity">Every member, killed or not: every stroke once, in offset order.</param>
/// <param name="StaleEntriesAtBound">Registry subscriptions still naming the killed edge once the lease bound had passed.</param>
/// <param name="StaleClearedSeconds">When, after the kill, the registry no longer named the killed edge (null: not within three lease bounds).</param>
/// <param name="LeaseBoundSeconds">The lease's time to live plus one sweep: how long a dead edge's entries may live.</param>
internal sealed record StormResult(
    int ConnectionsPerEdge,
    int Killed,
    int Resumed,
    int Recovered,
    int RecoveredWithinTarget,
    double TargetSeconds,
    string? FirstFailure,
    LatencySummary KillToRecovered,
    int PublicationsPerClassroom,
    DeliveryIntegrity Integrity,
    int StaleEntriesAtBound,
    double? StaleClearedSeconds,
    double LeaseBoundSeconds)
{
    /// <summary>Share of the killed edge's members recovered within the target, in percent.</summary>
    public double PercentRecoveredWithinTarget => Killed == 0 ? 0 : Math.Round(100.0 * RecoveredWithinTarget / Killed, 1);
}
