using Classroom.Micro.Benchmarks.Measurement;

namespace Classroom.Micro.Benchmarks.Scenarios;

/// <summary>One service's memory before the connections were made and after they were held idle.</summary>
internal sealed record ServiceMemory(string Service, bool IsEdge, MemorySample Before, MemorySample After)
{
    public long? RssGrowth => After.RssBytes - Before.RssBytes;

    /// <summary>Growth of the heap the last GC left; null unless a GC ran between the samples (else both are the same stale figure).</summary>
    public long? ManagedHeapGrowth => After.Collections > Before.Collections ? After.ManagedHeapBytes - Before.ManagedHeapBytes : null;

    public long? Allocated => After.AllocatedBytes - Before.AllocatedBytes;
}
