using System.Net;
using Classroom.Micro.ServiceDefaults.Discovery;
using Classroom.Micro.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Classroom.Micro.ServiceDefaults.Tests.Discovery;

public sealed class EndpointDiscoveryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private static EndpointDiscovery Discovery(IEnumerable<string> entries, HostAddressLookup lookup, ILogger<EndpointDiscovery>? logger = null, TimeProvider? time = null) =>
        new("fanout replicas", entries.Select(entry => EndpointTarget.Parse(new Uri(entry))).ToList(), Interval, lookup,
            time ?? TimeProvider.System, logger ?? NullLogger<EndpointDiscovery>.Instance);

    private static string[] Addresses(EndpointDiscovery discovery) => discovery.Endpoints.Select(endpoint => endpoint.AbsoluteUri).ToArray();

    private static Task RefreshAsync(EndpointDiscovery discovery) => discovery.RefreshAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Localhost_resolves_through_real_dns_to_its_loopback_endpoint()
    {
        using var discovery = Discovery(["dns:///localhost:7301"], Dns.GetHostAddressesAsync);

        await RefreshAsync(discovery);

        Assert.Equal(["http://127.0.0.1:7301/"], Addresses(discovery));
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_in_real_dns_gives_no_endpoints_and_leaves_fixed_ones_alone()
    {
        // .invalid is reserved (RFC 6761): it never resolves.
        using var discovery = Discovery(["http://127.0.0.1:7301", "dns:///no-such-replica.invalid:7301"], Dns.GetHostAddressesAsync);
        var changed = discovery.GetChangeToken();

        await RefreshAsync(discovery);

        Assert.Equal(["http://127.0.0.1:7301/"], Addresses(discovery));
        Assert.False(changed.HasChanged);
    }

    [Fact]
    public async Task A_name_that_stops_resolving_keeps_its_last_endpoints()
    {
        var dns = new ScriptedDns();
        using var discovery = Discovery(["dns:///fanout-headless:7301"], dns.LookupAsync);
        dns.Answer("10.0.0.1", "10.0.0.2");
        await RefreshAsync(discovery);
        var changed = discovery.GetChangeToken();

        dns.FailLookups();
        await RefreshAsync(discovery);

        Assert.Equal(["http://10.0.0.1:7301/", "http://10.0.0.2:7301/"], Addresses(discovery));
        Assert.False(changed.HasChanged);
    }

    [Fact]
    public async Task Change_notifications_fire_only_when_the_set_really_changes()
    {
        var dns = new ScriptedDns();
        using var discovery = Discovery(["dns:///fanout-headless:7301"], dns.LookupAsync);
        var first = discovery.GetChangeToken();

        dns.Answer("10.0.0.1", "10.0.0.2");
        await RefreshAsync(discovery);
        Assert.True(first.HasChanged);

        var second = discovery.GetChangeToken();
        dns.Answer("10.0.0.2", "10.0.0.1");
        await RefreshAsync(discovery);
        Assert.False(second.HasChanged);

        dns.Answer("10.0.0.2");
        await RefreshAsync(discovery);
        Assert.True(second.HasChanged);
        Assert.Equal(["http://10.0.0.2:7301/"], Addresses(discovery));
    }

    [Fact]
    public async Task A_fixed_list_is_there_from_the_start_in_its_order_and_never_changes()
    {
        var dns = new ScriptedDns();
        using var discovery = Discovery(["http://127.0.0.1:7311", "http://127.0.0.1:7301"], dns.LookupAsync);
        var changed = discovery.GetChangeToken();

        await RefreshAsync(discovery);

        Assert.False(discovery.IsDynamic);
        Assert.Equal(["http://127.0.0.1:7311/", "http://127.0.0.1:7301/"], Addresses(discovery));
        Assert.False(changed.HasChanged);
        Assert.Equal(0, dns.Lookups);
    }

    [Fact]
    public async Task A_failing_name_is_logged_once_per_failure_streak()
    {
        var dns = new ScriptedDns();
        var logger = new RecordingLogger<EndpointDiscovery>();
        using var discovery = Discovery(["dns:///fanout-headless:7301"], dns.LookupAsync, logger);

        for (var i = 0; i < 3; i++)
        {
            await RefreshAsync(discovery);
        }

        dns.Answer("10.0.0.1");
        await RefreshAsync(discovery);
        await RefreshAsync(discovery);
        dns.FailLookups();
        await RefreshAsync(discovery);
        await RefreshAsync(discovery);

        Assert.Equal(2, logger.Count(9002));
        Assert.Equal(1, logger.Count(9003));
        Assert.All(logger.Lines.Where(line => line.EventId == 9002), line => Assert.Equal(LogLevel.Warning, line.Level));
    }

    [Fact]
    public async Task Running_it_looks_the_names_up_again_every_refresh_interval()
    {
        var dns = new ScriptedDns();
        var time = new FakeTimeProvider();
        using var discovery = Discovery(["dns:///fanout-headless:7301"], dns.LookupAsync, time: time);
        dns.Answer("10.0.0.1");

        await discovery.StartAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        try
        {
            await Eventually.HoldsAsync(() => discovery.Endpoints.Count == 1, Timeout, "the first lookup at start");
            dns.Answer("10.0.0.1", "10.0.0.5");
            Assert.Equal(1, dns.Lookups);

            time.Advance(Interval);

            await Eventually.HoldsAsync(() => discovery.Endpoints.Count == 2, Timeout, "a second lookup one interval later");
        }
        finally
        {
            await discovery.StopAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        }
    }
}
