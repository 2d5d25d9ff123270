using System.Globalization;
using StackExchange.Redis;

namespace Classroom.Micro.Testing.Cluster;

/// <summary>
/// One redis-server process the cluster owns on a fixed free port with its own directory, so a test can kill it
/// and start a fresh, empty one in its place (persistence is off: a restart loses everything).
/// </summary>
internal sealed class RedisNode : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly string _directory = Directory.CreateTempSubdirectory("cm-e2e-redis-").FullName;
    private int? _primaryPort;
    private ChildProcess? _process;

    private RedisNode(int port, int? primaryPort)
    {
        Port = port;
        _primaryPort = primaryPort;
    }

    public int Port { get; }

    public string Address => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public bool HasExited => _process?.HasExited ?? true;

    /// <summary>Starts a primary, or a replica of <paramref name="primaryPort"/>, and waits until it answers.</summary>
    public static async Task<RedisNode> StartAsync(int? primaryPort = null)
    {
        var node = new RedisNode(FreePort.Next(), primaryPort);
        try
        {
            await node.LaunchAsync();
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL: whatever was not replicated is gone.</summary>
    public void KillHard() => _process?.KillHard();

    /// <summary>Kills the server and starts an empty one on the same port, as after a restart without persistence.</summary>
    public async Task RestartEmptyAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        foreach (var file in Directory.EnumerateFileSystemEntries(_directory))
        {
            File.Delete(file);
        }

        await LaunchAsync();
    }

    /// <summary>Kills the server and starts an empty one on the same port as a replica of <paramref name="primaryPort"/>, as a restarted pod rejoins.</summary>
    public async Task RestartAsReplicaAsync(int primaryPort)
    {
        _primaryPort = primaryPort;
        await RestartEmptyAsync();
    }

    /// <summary>The server's INFO section, through a short-lived admin connection.</summary>
    public async Task<string> InfoAsync(string section)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"{Address},connectTimeout=1000,allowAdmin=true,abortConnect=false");
        var reply = await connection.GetServer(Address).ExecuteAsync("INFO", section);
        return (string?)reply ?? string.Empty;
    }

    public string Tail(int lines = 30) => _process?.Tail(lines) ?? string.Empty;

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task LaunchAsync()
    {
        List<string> arguments =
        [
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory,
            "--save", string.Empty, "--appendonly", "no", "--protected-mode", "no",
        ];
        if (_primaryPort is { } primary)
        {
            arguments.AddRange(["--replicaof", "127.0.0.1", primary.ToString(CultureInfo.InvariantCulture)]);
        }

        _process = ChildProcess.Start($"redis-{Port}", RedisServer.Executable(), arguments);
        var process = _process;
        await Eventually.HoldsAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server on {Port} exited: {process.Tail()}");
            }

            try
            {
                await using var probe = await ConnectionMultiplexer.ConnectAsync($"{Address},connectTimeout=500");
                await probe.GetDatabase().PingAsync();
                return true;
            }
            catch (RedisConnectionException)
            {
                return false;
            }
        }, StartTimeout, $"redis-server on {Port} accepts connections");
    }
}
