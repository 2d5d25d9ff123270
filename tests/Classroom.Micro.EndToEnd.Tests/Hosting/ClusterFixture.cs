using Classroom.Micro.Testing.Cluster;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Hosting;

/// <summary>One cluster shared by the non-destructive scenarios of <see cref="SharedCluster"/>.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    public Cluster Cluster { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        using var cancellation = new CancellationTokenSource(StartTimeout);
        Cluster = await Cluster.StartAsync(cancellation.Token).WaitAsync(StartTimeout);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
