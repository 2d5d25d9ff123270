using System.Globalization;
using Classroom.Micro.Benchmarks.Compare.Clients;
using Classroom.Micro.Testing;
using Classroom.Micro.Testing.Cluster;

namespace Classroom.Micro.Benchmarks.Compare.Systems;

/// <summary>
/// Socket.IO 4.8 on Node (<c>bench/peers/socketio</c>, versions pinned by its package-lock.json): two processes, the
/// Redis adapter, one room per classroom, websocket transport only. Runs <c>npm ci</c> there when its packages are
/// missing or older than the lock file.
/// </summary>
internal sealed class SocketIoPeer : PeerSystem
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "bench", "peers", "socketio");

    public override string Name => "Socket.IO";

    public override string Description => "Socket.IO 4.8.4 + @socket.io/redis-adapter 8.3.0 + redis 6.3.1 on Node " + NodeVersion() + ": 2 servers, one redis-server, a room per classroom";

    protected override string ProcessName => "socketio";

    protected override string ReadyLine => "listening ";

    protected override async Task PrepareInstallAsync(CancellationToken cancellationToken)
    {
        var installed = Path.Combine(Folder, "node_modules", ".package-lock.json");
        if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(Path.Combine(Folder, "package-lock.json")))
        {
            return;
        }

        await using var npm = ChildProcess.Start("npm ci", Node("npm"), ["ci", "--no-audit", "--no-fund", "--loglevel=error"], workingDirectory: Folder);
        var exit = await npm.WaitForExitAsync(TimeSpan.FromMinutes(5));
        if (exit != 0)
        {
            throw new InvalidOperationException($"npm ci in {Folder} failed ({exit}):\n{npm.Tail()}");
        }
    }

    protected override ChildProcess StartServer(string name, int port, int redisPort) =>
        ChildProcess.Start(name, Node("node"), ["server.js"], new Dictionary<string, string?>
        {
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["REDIS_URL"] = string.Create(CultureInfo.InvariantCulture, $"redis://127.0.0.1:{redisPort}"),
            ["CHANNEL_PREFIX"] = ChannelPrefix,
            ["NODE_ENV"] = "production",
        }, Folder);

    protected override StrokeClient CreateClient(int port, StrokeDelivery onStroke) =>
        new SocketIoStrokeClient(new Uri(string.Create(CultureInfo.InvariantCulture, $"ws://127.0.0.1:{port}/socket.io/?EIO=4&transport=websocket")), onStroke);

    private static string Node(string tool) =>
        Executables.OnPath(tool) ?? throw new InvalidOperationException(tool + " is not on PATH: the Socket.IO peer needs Node.js 20 or later.");

    private static string NodeVersion()
    {
        try
        {
            using var node = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(Node("node"), "--version") { RedirectStandardOutput = true });
            var version = node?.StandardOutput.ReadToEnd().Trim() ?? "?";
            node?.WaitForExit();
            return version;
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }
}
