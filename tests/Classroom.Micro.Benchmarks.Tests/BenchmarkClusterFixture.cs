using Classroom.Micro.Benchmarks.Target;
using Xunit;

namespace Classroom.Micro.Benchmarks.Tests;

/// <summary>One cluster, started through the benchmark's own target, for every smoke run of this class.</summary>
public sealed class BenchmarkClusterFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    internal BenchmarkTarget Target { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(StartTimeout);
        Target = await BenchmarkTarget.StartClusterAsync(cancellation.Token).WaitAsync(StartTimeout);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Target is not null)
        {
            await Target.DisposeAsync();
        }
    }
}
