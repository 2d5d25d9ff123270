using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using Classroom.Micro.Gateway.Balancing;
using Classroom.Micro.ServiceDefaults.Discovery;
using Classroom.Micro.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Classroom.Micro.Gateway.Tests.Proxying;

/// <summary>
/// Fake edges on 127.0.0.2, 127.0.0.3… sharing one port, as pods behind a headless Service, and real gateways that
/// find them as <c>dns:///edges:port</c> through a <see cref="ScriptedDns"/> each.
/// </summary>
internal sealed class HeadlessEdges : IAsyncDisposable
{
    private static readonly TimeSpan FastProbes = TimeSpan.FromMilliseconds(200);

    private readonly List<RunningGateway> _gateways = [];
    private readonly int _port;

    private HeadlessEdges(int port, IReadOnlyList<FakeUpstream> edges, FakeUpstream auth)
    {
        _port = port;
        Edges = edges;
        Auth = auth;
    }

    public IReadOnlyList<FakeUpstream> Edges { get; }

    public FakeUpstream Auth { get; }

    public static async Task<HeadlessEdges> StartAsync(int edgeCount)
    {
        var port = FreePort.Next();
        var edges = new List<FakeUpstream>();
        for (var i = 0; i < edgeCount; i++)
        {
            edges.Add(await FakeUpstream.StartAsync($"edge-{i + 1}", IPAddress.Parse($"127.0.0.{i + 2}"), port));
        }

        return new HeadlessEdges(port, edges, await FakeUpstream.StartAsync("auth"));
    }

    /// <summary>The IP address of an edge, as DNS would answer it.</summary>
    public static IPAddress AddressOf(FakeUpstream edge) => IPAddress.Parse(edge.Address.Host);

    /// <summary>Where rendezvous hashing puts <paramref name="classroom"/> among <paramref name="pool"/>: the edge every gateway must choose.</summary>
    public static string HomeOf(string classroom, params FakeUpstream[] pool) =>
        RendezvousHash.Choose(classroom, pool, edge => edge.Address.AbsoluteUri)!.Name;

    /// <summary>The first of classroom-0, classroom-1… that <paramref name="pool"/> hashes to <paramref name="edge"/>.</summary>
    public static string ClassroomOn(FakeUpstream edge, params FakeUpstream[] pool) =>
        Enumerable.Range(0, 1000).Select(i => string.Create(CultureInfo.InvariantCulture, $"classroom-{i}")).First(classroom => HomeOf(classroom, pool) == edge.Name);

    /// <summary>The edge a new connection of <paramref name="classroom"/> reaches, or null while the gateway has none to send it to.</summary>
    public static async Task<string?> TryGreetingAsync(RunningGateway gateway, string classroom)
    {
        try
        {
            return (await gateway.GreetingAsync(classroom)).Edge;
        }
        catch (WebSocketException)
        {
            return null;
        }
    }

    public async Task<RunningGateway> StartGatewayAsync(ScriptedDns dns)
    {
        var gateway = await RunningGateway.StartAsync(
            [$"--Gateway:EdgeAddresses:0=dns:///edges:{_port}", "--Discovery:RefreshInterval=00:00:00.100"],
            Auth,
            FastProbes,
            services => services.AddSingleton<HostAddressLookup>(dns.LookupAsync));
        _gateways.Add(gateway);
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }

        await Auth.DisposeAsync();
        foreach (var edge in Edges)
        {
            await edge.DisposeAsync();
        }
    }
}
