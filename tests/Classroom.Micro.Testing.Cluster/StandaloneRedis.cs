using StackExchange.Redis;

namespace Classroom.Micro.Testing.Cluster;

/// <summary>One redis-server that a test can restart empty.</summary>
internal sealed class StandaloneRedis : IClusterRedis
{
    private readonly RedisNode _node;

    private StandaloneRedis(RedisNode node, IConnectionMultiplexer connection)
    {
        _node = node;
        Connection = connection;
    }

    public string ServiceConfiguration => $"{_node.Address},abortConnect=false";

    public IConnectionMultiplexer Connection { get; }

    public static async Task<StandaloneRedis> StartAsync()
    {
        var node = await RedisNode.StartAsync();
        try
        {
            var connection = await ConnectionMultiplexer.ConnectAsync($"{node.Address},abortConnect=false");
            return new StandaloneRedis(node, connection);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server and starts an empty one on the same port.</summary>
    public Task RestartEmptyAsync() => _node.RestartEmptyAsync();

    public string OutputTails() => $"--- redis {_node.Address} ---\n{_node.Tail()}";

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        await _node.DisposeAsync();
    }
}
