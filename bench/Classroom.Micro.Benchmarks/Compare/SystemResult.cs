using Classroom.Micro.Benchmarks.Compare.Scenarios;
using Classroom.Micro.Benchmarks.Scenarios;

namespace Classroom.Micro.Benchmarks.Compare;

/// <summary>Everything measured on one compared system; a scenario that did not run is null.</summary>
/// <param name="Key">The system's key on the command line, e.g. <c>signalr</c>.</param>
/// <param name="Name">Its column heading.</param>
/// <param name="Description">What ran, which versions.</param>
/// <param name="Processes">The processes measured (servers and redis-server).</param>
/// <param name="Pids">Their process ids (all stopped once the system's run returns).</param>
/// <param name="IdleMemory">The memory scenario.</param>
/// <param name="ConnectRate">The connect-rate scenario: the ramp of arrival rates.</param>
/// <param name="FixedRates">The CPU scenario, one per rate.</param>
/// <param name="FixedRateWarmUp">The CPU scenario's unmeasured warm-up, when one ran.</param>
/// <param name="Knee">The ramp to the p99 knee.</param>
/// <param name="Storm">The reconnect storm (ours with clients on the edges only).</param>
/// <param name="Error">Why the system could not be measured (it did not start, a scenario threw), if so.</param>
internal sealed record SystemResult(
    string Key,
    string Name,
    string Description,
    IReadOnlyList<string> Processes,
    IReadOnlyList<int> Pids,
    IdleMemoryResult? IdleMemory,
    ConnectRampResult? ConnectRate,
    IReadOnlyList<FixedRateResult> FixedRates,
    FanoutResult? FixedRateWarmUp,
    KneeResult? Knee,
    StormResult? Storm,
    string? Error);
