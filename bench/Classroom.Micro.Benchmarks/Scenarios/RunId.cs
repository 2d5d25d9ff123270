namespace Classroom.Micro.Benchmarks.Scenarios;

/// <summary>A short id that prefixes a run's classroom ids and users, so runs against one cluster never share a channel.</summary>
internal static class RunId
{
    public static string New() => "b" + Guid.NewGuid().ToString("N")[..8];
}
