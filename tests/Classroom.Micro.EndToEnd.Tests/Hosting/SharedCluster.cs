using Classroom.Micro.Testing.Cluster;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Hosting;

/// <summary>
/// Scenarios that leave the cluster as they found it share one cluster; each uses its own classroom ids and users.
/// Destructive scenarios (kill -9) start their own <see cref="Cluster"/>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedCluster : ICollectionFixture<ClusterFixture>
{
    public const string Name = "shared cluster";
}
