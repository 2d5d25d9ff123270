using Classroom.Micro.Benchmarks.Scenarios;

namespace Classroom.Micro.Benchmarks.Compare.Scenarios;

/// <summary>The CPU scenario on one system: its unmeasured warm-up, then one result per fixed rate.</summary>
/// <param name="WarmUp">The warm-up's figures (only its integrity counts), or null when none ran.</param>
/// <param name="Rates">The measured rates, in the order asked for.</param>
internal sealed record FixedRateRun(FanoutResult? WarmUp, IReadOnlyList<FixedRateResult> Rates);
