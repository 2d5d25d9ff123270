namespace Classroom.Micro.Benchmarks.Measurement;

/// <summary>CPU one process used during a scenario: on two cores, 200 % is the whole machine.</summary>
/// <param name="Service">e.g. <c>edge-0</c>, or <c>load generator</c> for the benchmark itself.</param>
/// <param name="CpuSeconds">User plus system CPU time used during the scenario.</param>
/// <param name="PercentOfOneCore">That time over the scenario's wall time.</param>
internal sealed record ServiceCpu(string Service, double CpuSeconds, double PercentOfOneCore)
{
    public bool IsLoadGenerator => Service == CpuMeter.LoadGenerator;
}
