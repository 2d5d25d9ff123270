namespace Classroom.Micro.Benchmarks.Measurement;

/// <summary>One service's memory at one moment; a figure is null when it could not be read.</summary>
/// <param name="RssBytes">Resident set size (<c>VmRSS</c> of <c>/proc/&lt;pid&gt;/status</c>, else the runtime's working set metric).</param>
/// <param name="ManagedHeapBytes">The managed heap as the last GC left it (sum over generations, from <c>/metrics</c>).</param>
/// <param name="AllocatedBytes">Bytes allocated on the managed heap since the process started.</param>
/// <param name="Collections">Garbage collections since the process started (every generation).</param>
internal sealed record MemorySample(long? RssBytes, long? ManagedHeapBytes, long? AllocatedBytes, long? Collections);
