using System.Globalization;
using Classroom.Micro.Benchmarks.Target;

namespace Classroom.Micro.Benchmarks.Measurement;

/// <summary>Samples a service's memory: RSS from <c>/proc</c>, the managed heap from its Prometheus <c>/metrics</c>.</summary>
internal static class MemoryProbe
{
    /// <summary>The runtime's heap size after the last GC, per generation (the <c>System.Runtime</c> meter).</summary>
    public const string ManagedHeapMetric = "dotnet_gc_last_collection_heap_size_bytes";

    /// <summary>Bytes the runtime allocated since the start.</summary>
    public const string AllocatedMetric = "dotnet_gc_heap_total_allocated_bytes_total";

    /// <summary>Collections since the start, per generation.</summary>
    public const string CollectionsMetric = "dotnet_gc_collections_total";

    /// <summary>The runtime's working set, used for RSS when the process is not visible here.</summary>
    public const string WorkingSetMetric = "dotnet_process_memory_working_set_bytes";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public static async Task<MemorySample> SampleAsync(MonitoredService service, CancellationToken cancellationToken)
    {
        var metrics = await ScrapeAsync(service.HttpAddress, cancellationToken);
        var rss = ResidentBytes(service.Pid) ?? Read(metrics, WorkingSetMetric);
        return new MemorySample(rss, Read(metrics, ManagedHeapMetric), Read(metrics, AllocatedMetric), Read(metrics, CollectionsMetric));
    }

    /// <summary><c>VmRSS</c> of <c>/proc/&lt;pid&gt;/status</c>, in bytes.</summary>
    public static long? ResidentBytes(int? pid)
    {
        var status = pid is null ? null : string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/status");
        if (status is null || !File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : 1024 * long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private static async Task<string?> ScrapeAsync(Uri? httpAddress, CancellationToken cancellationToken)
    {
        if (httpAddress is null)
        {
            return null;
        }

        try
        {
            return await Http.GetStringAsync(new Uri(httpAddress, "/metrics"), cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static long? Read(string? metrics, string metric) => metrics is null ? null : ToBytes(PrometheusText.Sum(metrics, metric));

    private static long? ToBytes(double? value) => value is null ? null : (long)value.Value;
}
