using System.Globalization;
using Classroom.Micro.Benchmarks.Compare.Clients;
using Classroom.Micro.Testing;
using Classroom.Micro.Testing.Cluster;

namespace Classroom.Micro.Benchmarks.Compare.Systems;

/// <summary>
/// ASP.NET Core SignalR with the Redis backplane (<c>bench/peers/signalr</c>): two processes, one group per classroom,
/// run like our services (workstation GC, warnings-only logging) from this build's configuration.
/// </summary>
internal sealed class SignalRPeer : PeerSystem
{
    private const string Assembly = "Classroom.Micro.Benchmarks.Peers.SignalR";

    public override string Name => "SignalR";

    public override string Description =>
        "ASP.NET Core SignalR " + Environment.Version + " + Microsoft.AspNetCore.SignalR.StackExchangeRedis 10.0.15: 2 servers, one redis-server, a group per classroom";

    protected override string ProcessName => "signalr";

    protected override string ReadyLine => "Application started";

    protected override ChildProcess StartServer(string name, int port, int redisPort)
    {
        var dll = Path.Combine(RepositoryPaths.Root, "bench", "peers", "signalr", "bin", ServiceBinaries.Configuration, "net10.0", Assembly + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The SignalR peer is not built at {dll}: build bench/Classroom.Micro.Benchmarks in {ServiceBinaries.Configuration}.", dll);
        }

        return ChildProcess.Start(name, DotnetHost.Path, [dll], new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_gcServer"] = "0",
            ["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"),
            ["ASPNETCORE_HTTP_PORTS"] = string.Empty,
            // "Application started" is logged at Information by the host's lifetime only.
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Peer__Redis"] = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{redisPort},abortConnect=false"),
            ["Peer__ChannelPrefix"] = ChannelPrefix,
        }, Path.GetDirectoryName(dll));
    }

    protected override StrokeClient CreateClient(int port, StrokeDelivery onStroke) =>
        new SignalRStrokeClient(new Uri(string.Create(CultureInfo.InvariantCulture, $"ws://127.0.0.1:{port}/classroom")), onStroke);
}
