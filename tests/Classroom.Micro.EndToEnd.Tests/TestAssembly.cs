using Xunit;

// Each cluster is seven processes on a two-core machine; two at once would starve each other's timing
// (lease bounds, delivery deadlines), so the end-to-end tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
