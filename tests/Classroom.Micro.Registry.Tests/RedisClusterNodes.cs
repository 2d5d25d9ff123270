using System.Globalization;
using System.Net;
using Classroom.Micro.Testing;
using StackExchange.Redis;

namespace Classroom.Micro.Registry.Tests;

/// <summary>
/// A Redis Cluster of three primaries without replicas, each a real redis-server on a free loopback port with its own
/// directory, the slots split evenly between them; a test can kill one (its slots then have no reachable owner, and the
/// others go on serving theirs).
/// </summary>
internal sealed class RedisClusterNodes : IAsyncDisposable
{
    private static readonly TimeSpan FormTimeout = TimeSpan.FromSeconds(30);
    private static readonly (int From, int To)[] SlotRanges = [(0, 5460), (5461, 10922), (10923, 16383)];

    private readonly string _directory = Directory.CreateTempSubdirectory("cm-redis-cluster-").FullName;
    private readonly List<ChildProcess> _nodes = [];
    private readonly List<int> _ports = [];

    /// <summary>A StackExchange.Redis configuration string naming every node.</summary>
    public string Configuration => string.Join(',', _ports.Select(port => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}"))) + ",abortConnect=false";

    public static async Task<RedisClusterNodes> StartAsync()
    {
        var cluster = new RedisClusterNodes();
        try
        {
            await cluster.FormAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The address of node <paramref name="index"/>, as cluster commands name it.</summary>
    public EndPoint EndPointOf(int index) => new IPEndPoint(IPAddress.Loopback, _ports[index]);

    /// <summary>Kills node <paramref name="index"/> (SIGKILL), as a crash would.</summary>
    public void Kill(int index) => _nodes[index].KillHard();

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task FormAsync()
    {
        foreach (var _ in SlotRanges)
        {
            var port = FreePort.Next();
            _ports.Add(port);
            _nodes.Add(ChildProcess.Start($"redis-cluster-{port}", RedisServer.Executable(),
            [
                "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory, "--save", "", "--appendonly", "no",
                "--protected-mode", "no", "--cluster-enabled", "yes", "--cluster-config-file", $"nodes-{port}.conf", "--cluster-node-timeout", "1000",
                // Live nodes keep serving their slots while one is down: what a listing must not take for the whole.
                "--cluster-require-full-coverage", "no",
            ]));
        }

        var admins = new List<ConnectionMultiplexer>();
        try
        {
            foreach (var port in _ports)
            {
                admins.Add(await ConnectOneAsync(port));
            }

            var servers = admins.Select((admin, index) => admin.GetServer(EndPointOf(index))).ToList();
            for (var i = 0; i < servers.Count; i++)
            {
                await servers[i].ExecuteAsync("CLUSTER", "ADDSLOTSRANGE", SlotRanges[i].From, SlotRanges[i].To).WaitAsync(FormTimeout);
            }

            foreach (var port in _ports.Skip(1))
            {
                await servers[0].ExecuteAsync("CLUSTER", "MEET", "127.0.0.1", port).WaitAsync(FormTimeout);
            }

            await Eventually.HoldsAsync(async () =>
            {
                foreach (var server in servers)
                {
                    var info = (string?)await server.ExecuteAsync("CLUSTER", "INFO");
                    if (info is null || !info.Contains("cluster_state:ok", StringComparison.Ordinal) || !info.Contains("cluster_known_nodes:3", StringComparison.Ordinal))
                    {
                        return false;
                    }
                }

                return true;
            }, FormTimeout, "the three nodes form a cluster covering every slot");
        }
        finally
        {
            foreach (var admin in admins)
            {
                await admin.DisposeAsync();
            }
        }
    }

    private async Task<ConnectionMultiplexer> ConnectOneAsync(int port)
    {
        ConnectionMultiplexer? connection = null;
        await Eventually.HoldsAsync(async () =>
        {
            if (_nodes.Find(node => node.HasExited) is { } exited)
            {
                throw new InvalidOperationException($"{exited.Name} exited: {exited.Tail()}");
            }

            try
            {
                // One node at a time, as a plain server: the nodes do not know each other yet.
                var options = new ConfigurationOptions { EndPoints = { { IPAddress.Loopback, port } }, ConnectTimeout = 500, AllowAdmin = true };
                var attempt = await ConnectionMultiplexer.ConnectAsync(options);
                if (attempt.IsConnected)
                {
                    connection = attempt;
                    return true;
                }

                await attempt.DisposeAsync();
                return false;
            }
            catch (RedisConnectionException)
            {
                return false;
            }
        }, FormTimeout, $"redis-server on {port} accepts connections");
        return connection!;
    }
}
