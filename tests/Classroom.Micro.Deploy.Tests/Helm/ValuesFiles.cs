using Xunit;

namespace Classroom.Micro.Deploy.Tests.Helm;

/// <summary>The values files shipped with the chart: the defaults and the two examples.</summary>
public static class ValuesFiles
{
    public const string Default = "values.yaml";
    public const string Eks = "values-eks.yaml";
    public const string Sentinel = "values-sentinel.yaml";

    /// <summary>Every shipped values file, as theory data.</summary>
    public static TheoryData<string> All { get; } = new(Default, Eks, Sentinel);
}
