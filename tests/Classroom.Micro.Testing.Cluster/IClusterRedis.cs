using StackExchange.Redis;

namespace Classroom.Micro.Testing.Cluster;

/// <summary>The Redis deployment under a cluster: a single server, or a Sentinel-managed primary and replica.</summary>
internal interface IClusterRedis : IAsyncDisposable
{
    /// <summary>The <c>Redis:Configuration</c> every service gets.</summary>
    string ServiceConfiguration { get; }

    /// <summary>A connection for assertions (follows the primary).</summary>
    IConnectionMultiplexer Connection { get; }

    /// <summary>The last output of every Redis process, for failure messages.</summary>
    string OutputTails();
}
