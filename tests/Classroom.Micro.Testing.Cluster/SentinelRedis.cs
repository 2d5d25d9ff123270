using System.Globalization;
using StackExchange.Redis;

namespace Classroom.Micro.Testing.Cluster;

/// <summary>
/// A primary, one replica and three redis-sentinel processes on loopback free ports. Services reach it through the
/// sentinels (<c>host:port,…,serviceName=…</c>); a test can kill the primary and wait for the replica's promotion.
/// </summary>
internal sealed class SentinelRedis : IClusterRedis
{
    public const string ServiceName = "classroom";

    /// <summary>How long the sentinels wait before they call the primary down (short, so the test is quick).</summary>
    public static readonly TimeSpan DownAfter = TimeSpan.FromMilliseconds(1000);

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly List<ChildProcess> _sentinels = [];
    private readonly List<int> _sentinelPorts = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("cm-e2e-sentinel-").FullName;
    private RedisNode? _primary;
    private RedisNode? _replica;
    private ConnectionMultiplexer? _connection;

    public string ServiceConfiguration =>
        string.Join(',', _sentinelPorts.Select(port => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}")))
        + $",serviceName={ServiceName},abortConnect=false";

    public IConnectionMultiplexer Connection => _connection!;

    /// <summary>The node that was primary at the start.</summary>
    public RedisNode Primary => _primary!;

    /// <summary>The node that was replica at the start.</summary>
    public RedisNode Replica => _replica!;

    public static async Task<SentinelRedis> StartAsync()
    {
        var group = new SentinelRedis();
        try
        {
            await group.LaunchAsync();
            return group;
        }
        catch
        {
            await group.DisposeAsync();
            throw;
        }
    }

    /// <summary>The port of the primary the sentinels currently name.</summary>
    public async Task<int?> PrimaryPortAsync()
    {
        foreach (var port in _sentinelPorts)
        {
            try
            {
                await using var sentinel = await ConnectSentinelAsync(port);
                var reply = (RedisResult[]?)await sentinel.GetServer("127.0.0.1", port).ExecuteAsync("SENTINEL", "get-master-addr-by-name", ServiceName);
                if (reply is { Length: 2 })
                {
                    return int.Parse((string)reply[1]!, CultureInfo.InvariantCulture);
                }
            }
            catch (RedisException)
            {
                // Ask the next sentinel.
            }
        }

        return null;
    }

    public string OutputTails() =>
        $"--- primary {_primary?.Address} ---\n{_primary?.Tail()}\n--- replica {_replica?.Address} ---\n{_replica?.Tail()}\n"
        + string.Join('\n', _sentinels.Select(sentinel => $"--- {sentinel.Name} ---\n{sentinel.Tail(15)}"));

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        foreach (var sentinel in _sentinels)
        {
            await sentinel.DisposeAsync();
        }

        if (_replica is not null)
        {
            await _replica.DisposeAsync();
        }

        if (_primary is not null)
        {
            await _primary.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static Task<ConnectionMultiplexer> ConnectSentinelAsync(int port) =>
        ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { { "127.0.0.1", port } },
            CommandMap = CommandMap.Sentinel,
            TieBreaker = string.Empty,
            AllowAdmin = true,
            ConnectTimeout = 1000,
            AbortOnConnectFail = false,
        });

    private async Task LaunchAsync()
    {
        _primary = await RedisNode.StartAsync();
        _replica = await RedisNode.StartAsync(_primary.Port);
        await Eventually.HoldsAsync(
            async () => (await _replica.InfoAsync("replication")).Contains("master_link_status:up", StringComparison.Ordinal),
            ReadyTimeout,
            "the replica syncs with the primary");

        for (var i = 0; i < 3; i++)
        {
            var port = FreePort.Next();
            var configuration = Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"sentinel-{port}.conf"));
            await File.WriteAllTextAsync(configuration, string.Create(CultureInfo.InvariantCulture, $"""
                port {port}
                bind 127.0.0.1
                protected-mode no
                dir {_directory}
                sentinel monitor {ServiceName} 127.0.0.1 {_primary.Port} 2
                sentinel down-after-milliseconds {ServiceName} {(int)DownAfter.TotalMilliseconds}
                sentinel failover-timeout {ServiceName} 10000
                sentinel parallel-syncs {ServiceName} 1

                """));
            _sentinelPorts.Add(port);
            _sentinels.Add(ChildProcess.Start($"sentinel-{port}", SentinelExecutable(), [configuration]));
        }

        // Ready when every sentinel knows the replica and the two other sentinels: only then can they agree on a failover.
        foreach (var port in _sentinelPorts)
        {
            await Eventually.HoldsAsync(async () =>
            {
                try
                {
                    await using var sentinel = await ConnectSentinelAsync(port);
                    var server = sentinel.GetServer("127.0.0.1", port);
                    var replicas = (RedisResult[]?)await server.ExecuteAsync("SENTINEL", "replicas", ServiceName);
                    var others = (RedisResult[]?)await server.ExecuteAsync("SENTINEL", "sentinels", ServiceName);
                    return replicas is { Length: 1 } && others is { Length: 2 };
                }
                catch (RedisException)
                {
                    return false;
                }
            }, ReadyTimeout, $"sentinel {port} knows the replica and the other sentinels", TimeSpan.FromMilliseconds(200));
        }

        _connection = await ConnectionMultiplexer.ConnectAsync(ServiceConfiguration);
    }

    private static string SentinelExecutable()
    {
        foreach (var candidate in new[] { "/usr/bin/redis-sentinel", "/usr/local/bin/redis-sentinel" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("redis-sentinel is not installed (scripts/test installs it).");
    }
}
