using Classroom.Micro.Registry.V1;
using Classroom.Micro.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static Classroom.Micro.Registry.Tests.TestRegistry;

namespace Classroom.Micro.Registry.Tests;

/// <summary>The numbers each edge sends with its heartbeat, kept with its lease for the server API's <c>info</c>.</summary>
public sealed class EdgeStatsTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly string _prefix = RedisServer.UniquePrefix();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_edge_lists_the_numbers_of_its_latest_heartbeat()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation, Stats(clients: 1)).WithTimeout();
        await store.AcquireLeaseAsync("edge-b", "", Cancellation, Stats(clients: 7)).WithTimeout();

        _time.Advance(TimeSpan.FromSeconds(3));
        await store.RenewLeaseAsync("edge-a", Stats(clients: 4)).WithTimeout();
        var leases = (await store.ListLeasesAsync().WithTimeout()).ToDictionary(lease => lease.EdgeId);

        Assert.Equal(Stats(clients: 4), leases["edge-a"].Stats);
        Assert.Equal(Stats(clients: 7), leases["edge-b"].Stats);
    }

    [Fact]
    public async Task A_renewal_without_numbers_keeps_the_last_reported_ones()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation, Stats(clients: 5)).WithTimeout();

        var renewed = await store.RenewLeaseAsync("edge-a").WithTimeout();

        Assert.Equal(Stats(clients: 5), renewed?.Stats);
        Assert.Equal(Stats(clients: 5), Assert.Single(await store.ListLeasesAsync().WithTimeout()).Stats);
    }

    [Fact]
    public async Task A_new_lease_after_expiry_does_not_inherit_the_dead_incarnations_numbers()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation, Stats(clients: 9)).WithTimeout();
        _time.Advance(LeaseTtl + TimeSpan.FromSeconds(1));

        await store.AcquireLeaseAsync("edge-a", "", Cancellation).WithTimeout();

        Assert.Null(Assert.Single(await store.ListLeasesAsync().WithTimeout()).Stats);
    }

    [Fact]
    public async Task An_expired_edge_is_not_listed_with_its_numbers()
    {
        var store = Store(redis.Connection, _prefix, _time);
        await store.AcquireLeaseAsync("edge-a", "", Cancellation, Stats(clients: 2)).WithTimeout();
        _time.Advance(TimeSpan.FromSeconds(6));
        await store.AcquireLeaseAsync("edge-b", "", Cancellation, Stats(clients: 3)).WithTimeout();
        _time.Advance(TimeSpan.FromSeconds(5));

        var lease = Assert.Single(await store.ListLeasesAsync().WithTimeout());

        Assert.Equal(("edge-b", 3u), (lease.EdgeId, lease.Stats?.NumClients));
    }

    [Fact]
    public async Task Numbers_travel_through_the_service_with_acquire_renew_and_list()
    {
        await using var host = new RegistryHost(redis);
        var client = host.Client;
        await client.AcquireEdgeLeaseAsync(new AcquireEdgeLeaseRequest { EdgeId = "edge-a", Stats = Stats(clients: 1) }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();

        var renewed = await client.RenewEdgeLeaseAsync(new RenewEdgeLeaseRequest { EdgeId = "edge-a", Stats = Stats(clients: 2) }, cancellationToken: Cancellation).ResponseAsync.WithTimeout();
        var listed = await client.ListEdgeLeasesAsync(new ListEdgeLeasesRequest(), cancellationToken: Cancellation).ResponseAsync.WithTimeout();

        Assert.Equal(Stats(clients: 2), renewed.Stats);
        Assert.Equal(Stats(clients: 2), Assert.Single(listed.Leases).Stats);
    }

    private static EdgeStats Stats(uint clients) => new()
    {
        NumClients = clients,
        NumUsers = clients,
        NumChannels = 1,
        NumSubs = clients * 2,
        StartedAtUnixMs = 1_700_000_000_000,
        Version = "1.2.3",
        Name = "edge",
        ReportedAtUnixMs = 1_700_000_001_000,
    };
}
