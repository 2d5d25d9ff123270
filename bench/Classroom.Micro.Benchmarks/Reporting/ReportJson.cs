using System.Text.Json;
using System.Text.Json.Serialization;

namespace Classroom.Micro.Benchmarks.Reporting;

/// <summary>The JSON form of a report: camelCase, indented, for tools and for comparing runs.</summary>
internal static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write(BenchmarkReport report) => JsonSerializer.Serialize(report, Options);
}
