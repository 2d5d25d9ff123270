using Classroom.Micro.ServiceDefaults;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Classroom.Micro.ServiceDefaults.InternalPlane;
using Classroom.Micro.Testing;
using Classroom.Micro.Testing.Fakes;
using Microsoft.AspNetCore.Builder;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Leases;

/// <summary>The real edge composition (AddEdge) reporting its numbers with its lease to a registry served over real gRPC.</summary>
public sealed class EdgeStatsReportTests
{
    private const string EdgeId = "edge-reporting";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_edge_reports_its_own_numbers_to_the_registry_with_its_lease()
    {
        var registryPort = FreePort.Next();
        await using var upstream = await FakeUpstream.StartRegistryAsync(registryPort);
        var registry = upstream.Registry;
        var registryAddress = $"http://127.0.0.1:{registryPort}";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args =
            [
                $"--Kestrel:Endpoints:Http:Url=http://127.0.0.1:{FreePort.Next()}",
                "--Kestrel:Endpoints:Http:Protocols=Http1",
                $"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{FreePort.Next()}",
                "--Kestrel:Endpoints:Grpc:Protocols=Http2",
                $"--Edge:NodeId={EdgeId}",
                $"--Edge:AuthAddress={registryAddress}",
                $"--Edge:RegistryAddress={registryAddress}",
                // Nothing listens there: the lease does not wait for the fanout.
                $"--Edge:FanoutAddresses:0=http://127.0.0.1:{FreePort.Next()}",
                "--Logging:LogLevel:Default=Critical",
                .. TestInternalIdentities.Arguments(InternalServices.Edge),
            ],
            // Under the test host the entry assembly is the test runner, not the edge.
            ApplicationName = typeof(EdgeServiceCollectionExtensions).Assembly.GetName().Name,
        });
        builder.AddServiceDefaults(new ServiceTelemetry("Classroom.Micro.Edge.Tests"));
        // The edge's features as Program.cs composes them (the transports aside).
        builder.AddEdgeNode();
        builder.AddEdgeUpstream();
        builder.AddEdgeLease();
        builder.AddClientCommands();
        builder.AddEdgeDrain();
        await using var edge = builder.Build();
        await edge.StartAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        await Eventually.HoldsAsync(() => registry.ReportedStats.ContainsKey(EdgeId), Timeout, "the edge acquires its lease with stats");

        var stats = registry.ReportedStats[EdgeId];
        Assert.Equal((0u, 0u, 0u, 0u), (stats.NumClients, stats.NumUsers, stats.NumChannels, stats.NumSubs));
        Assert.NotEmpty(stats.Version);
        Assert.Equal(EdgeId, stats.Name);
        Assert.InRange(stats.StartedAtUnixMs, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await edge.StopAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
    }
}
