using Classroom.Micro.Registry.Leases;
using Classroom.Micro.Registry.Storage;
using Classroom.Micro.Registry.Subscriptions;
using Classroom.Micro.Registry.Telemetry;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Classroom.Micro.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Classroom.Micro.Registry.Tests;

/// <summary>Builds registry stores and sweepers over a test's own key prefix and clock.</summary>
internal static class TestRegistry
{
    public static readonly TimeSpan TestTimeout = TaskTimeouts.Default;

    public static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(10);

    private static readonly RegistryMetrics Metrics = new(new ServiceTelemetry("Classroom.Micro.Registry.Tests"));

    public static RedisRegistryStore Store(IConnectionMultiplexer redis, string prefix, TimeProvider time, int channelsLimit = 10_000) =>
        new(redis, new RegistryKeys(prefix), Options(channelsLimit), time, Metrics);

    public static LeaseSweeper Sweeper(RedisRegistryStore store, TimeProvider time) =>
        new(store, Options(), time, Metrics, NullLogger<LeaseSweeper>.Instance);

    public static ChannelSubscription Subscription(string edgeId, string connectionId, string channel, string userId = "user-1") => new(
        ConnectionId: connectionId,
        UserId: userId,
        Channel: channel,
        ClassroomId: channel.StartsWith("classroom:", StringComparison.Ordinal) ? channel["classroom:".Length..] : string.Empty,
        EdgeId: edgeId,
        Role: "student",
        ConnectedAt: DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000),
        ConnInfoJson: """{"seat":3}""",
        Name: "Ada");

    public static async Task<Dictionary<string, int>> RoutesAsync(RedisRegistryStore store, string channel) =>
        (await store.ListRoutesAsync(channel).WithTimeout()).ToDictionary(route => route.EdgeId, route => route.Subscribers);

    public static async Task<HashSet<string>> ConnectionsAsync(RedisRegistryStore store, string channel) =>
        [.. (await store.ListSubscriptionsAsync(channel).WithTimeout()).Select(subscription => subscription.ConnectionId)];

    private static IOptions<RegistryOptions> Options(int channelsLimit = 10_000) =>
        Microsoft.Extensions.Options.Options.Create(new RegistryOptions { LeaseTtl = LeaseTtl, SweepInterval = TimeSpan.FromSeconds(1), ChannelsLimit = channelsLimit });
}
