namespace Classroom.Micro.Gateway.Tests.Proxying;

/// <summary>Fake edges and a fake auth behind the real gateway, all on free loopback ports.</summary>
internal sealed class GatewayCluster : IAsyncDisposable
{
    private GatewayCluster(IReadOnlyList<FakeUpstream> edges, FakeUpstream auth, RunningGateway gateway)
    {
        Edges = edges;
        Auth = auth;
        Gateway = gateway;
    }

    public IReadOnlyList<FakeUpstream> Edges { get; }

    public FakeUpstream Auth { get; }

    public RunningGateway Gateway { get; }

    public FakeUpstream Edge(string name) => Edges.Single(edge => edge.Name == name);

    public static async Task<GatewayCluster> StartAsync(int edgeCount, TimeSpan healthCheckInterval, params string[] settings)
    {
        var edges = new List<FakeUpstream>();
        FakeUpstream? auth = null;
        try
        {
            for (var i = 1; i <= edgeCount; i++)
            {
                edges.Add(await FakeUpstream.StartAsync($"edge-{i}"));
            }

            auth = await FakeUpstream.StartAsync("auth");
            var gateway = await RunningGateway.StartAsync(edges, auth, healthCheckInterval, settings);
            return new GatewayCluster(edges, auth, gateway);
        }
        catch
        {
            foreach (var started in edges.Append(auth).OfType<FakeUpstream>())
            {
                await started.DisposeAsync();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Auth.DisposeAsync();
        foreach (var edge in Edges)
        {
            await edge.DisposeAsync();
        }
    }
}
