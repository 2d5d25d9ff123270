using Xunit;

// The smoke runs share one seven-process cluster; two benchmark runs at once would blur each other's figures.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
