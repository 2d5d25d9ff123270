using System.Globalization;
using System.Net.Sockets;
using Classroom.Micro.Benchmarks.Compare.Clients;
using Classroom.Micro.Benchmarks.Target;
using Classroom.Micro.Testing;
using Classroom.Micro.Testing.Cluster;
using StackExchange.Redis;

namespace Classroom.Micro.Benchmarks.Compare.Systems;

/// <summary>
/// A peer the benchmark starts itself: its own redis-server and two server processes sharing it, on free loopback
/// ports; members alternate between the two. Disposing stops every process it started, by its own PID.
/// </summary>
internal abstract class PeerSystem : ComparedSystem, IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly List<ChildProcess> _processes = [];
    private readonly List<MonitoredService> _servers = [];
    private RedisNode? _redisNode;
    private ConnectionMultiplexer? _redis;

    /// <summary>The two servers' ports, by index.</summary>
    protected IReadOnlyList<int> Ports { get; private set; } = [];

    /// <summary>Distinct per run, so peers sharing a redis-server would never mix channels.</summary>
    protected string ChannelPrefix { get; } = "bench-" + Guid.NewGuid().ToString("N")[..8];

    public override IReadOnlyList<MonitoredService> Servers => _servers;

    public override IConnectionMultiplexer Redis => _redis ?? throw new InvalidOperationException(Name + " is not started.");

    /// <summary>The started processes' PIDs, servers and redis-server: the smoke test checks they are gone after dispose.</summary>
    public IReadOnlyList<int> Pids => _servers.Select(server => server.Pid!.Value).ToList();

    public override StrokeClient CreateClient(string classroom, int member, StrokeDelivery onStroke) =>
        CreateClient(Ports[member % Ports.Count], onStroke);

    public override string OutputTails() =>
        string.Join('\n', _processes.Select(process => $"--- {process.Name} ---\n{process.Tail(20)}")) + "\n--- redis ---\n" + _redisNode?.Tail();

    public override IReadOnlyList<string> ExitedProcesses() => _processes
        .Where(process => process.HasExited)
        .Select(process => string.Create(CultureInfo.InvariantCulture, $"{process.Name} exited with {process.ExitCode}: {process.Tail(8).ReplaceLineEndings(" | ")}"))
        .ToList();

    /// <summary>Starts redis-server, then the two servers, and waits until both accept connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        await PrepareInstallAsync(timeout.Token);
        _redisNode = await RedisNode.StartAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync(_redisNode.Address + ",abortConnect=false,allowAdmin=true");
        var redisPid = await RedisStats.ProcessIdAsync(_redis);
        Ports = [FreePort.Next(), FreePort.Next()];
        for (var index = 0; index < Ports.Count; index++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{ProcessName}-{index}");
            var process = StartServer(name, Ports[index], _redisNode.Port);
            _processes.Add(process);
            _servers.Add(new MonitoredService(name, IsEdge: true, process.Pid, HttpAddress: null));
        }

        _servers.Add(new MonitoredService("redis-server", IsEdge: false, redisPid, HttpAddress: null));
        for (var index = 0; index < Ports.Count; index++)
        {
            var process = _processes[index];
            var port = Ports[index];
            await Eventually.HoldsAsync(async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{process.Name} exited while starting:\n{process.Tail()}");
                }

                return await AcceptsAsync(port) && process.Output.Contains(ReadyLine, StringComparison.Ordinal);
            }, StartTimeout, process.Name + " accepts connections");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_redisNode is not null)
        {
            await _redisNode.DisposeAsync();
        }
    }

    /// <summary>Short name of a server process, e.g. <c>signalr</c>.</summary>
    protected abstract string ProcessName { get; }

    /// <summary>A line the server prints once it listens.</summary>
    protected abstract string ReadyLine { get; }

    /// <summary>What must be installed or built before the servers start (npm ci).</summary>
    protected virtual Task PrepareInstallAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected abstract ChildProcess StartServer(string name, int port, int redisPort);

    protected abstract StrokeClient CreateClient(int port, StrokeDelivery onStroke);

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
