using System.Reflection;
using Classroom.Micro.Edge.Protocol;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Protocol;

public sealed class DisconnectsTests
{
    [Theory]
    [InlineData(nameof(Disconnects.ConnectionClosed), 3000, "connection closed", true)]
    [InlineData(nameof(Disconnects.Shutdown), 3001, "shutdown", true)]
    [InlineData(nameof(Disconnects.InternalServerError), 3004, "internal server error", true)]
    [InlineData(nameof(Disconnects.Expired), 3005, "connection expired", true)]
    [InlineData(nameof(Disconnects.SubExpired), 3006, "subscription expired", true)]
    [InlineData(nameof(Disconnects.Slow), 3008, "slow", true)]
    [InlineData(nameof(Disconnects.WriteError), 3009, "write error", true)]
    [InlineData(nameof(Disconnects.InsufficientState), 3010, "insufficient state", true)]
    [InlineData(nameof(Disconnects.ForceReconnect), 3011, "force reconnect", true)]
    [InlineData(nameof(Disconnects.NoPong), 3012, "no pong", true)]
    [InlineData(nameof(Disconnects.TooManyRequests), 3013, "too many requests", true)]
    [InlineData(nameof(Disconnects.InvalidToken), 3500, "invalid token", false)]
    [InlineData(nameof(Disconnects.BadRequest), 3501, "bad request", false)]
    [InlineData(nameof(Disconnects.Stale), 3502, "stale", false)]
    [InlineData(nameof(Disconnects.ForceNoReconnect), 3503, "force disconnect", false)]
    [InlineData(nameof(Disconnects.ConnectionLimit), 3504, "connection limit", false)]
    [InlineData(nameof(Disconnects.ChannelLimit), 3505, "channel limit", false)]
    [InlineData(nameof(Disconnects.InappropriateProtocol), 3506, "inappropriate protocol", false)]
    [InlineData(nameof(Disconnects.PermissionDenied), 3507, "permission denied", false)]
    [InlineData(nameof(Disconnects.NotAvailable), 3508, "not available", false)]
    [InlineData(nameof(Disconnects.TooManyErrors), 3509, "too many errors", false)]
    [InlineData(nameof(Disconnects.MessageTooBig), 1009, "message too big", false)]
    public void Each_disconnect_has_the_protocols_code_reason_and_reconnect_class(string name, int code, string reason, bool reconnect)
    {
        var disconnect = Declared()[name];

        Assert.Equal(new DisconnectReason(code, reason), disconnect);
        Assert.Equal(reconnect, disconnect.Reconnect);
    }

    [Theory]
    [InlineData(3000, true)]
    [InlineData(3499, true)]
    [InlineData(3500, false)]
    [InlineData(3999, false)]
    [InlineData(4000, true)]
    [InlineData(4499, true)]
    [InlineData(4500, false)]
    [InlineData(4999, false)]
    [InlineData(1000, true)]
    [InlineData(1009, false)]
    public void Reconnect_follows_the_protocols_ranges(int code, bool reconnect)
    {
        Assert.Equal(reconnect, new DisconnectReason(code, "custom").Reconnect);
    }

    [Fact]
    public void Every_declared_disconnect_is_covered_codes_are_unique_and_reasons_fit_a_close_frame()
    {
        var declared = Declared();

        Assert.Equal(22, declared.Count);
        Assert.Equal(declared.Count, declared.Values.Select(disconnect => disconnect.Code).Distinct().Count());
        Assert.All(declared.Values, disconnect => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(disconnect.Reason), 1, 123));
    }

    [Theory]
    [InlineData(nameof(Unsubscribes.Server), 2000, "server unsubscribe", false)]
    [InlineData(nameof(Unsubscribes.InsufficientState), 2500, "insufficient state", true)]
    [InlineData(nameof(Unsubscribes.Expired), 2501, "subscription expired", true)]
    public void Each_unsubscribe_code_says_whether_the_sdk_resubscribes(string name, int code, string reason, bool resubscribe)
    {
        var unsubscribe = (UnsubscribeReason)typeof(Unsubscribes).GetField(name)!.GetValue(null)!;

        Assert.Equal(new UnsubscribeReason(code, reason), unsubscribe);
        Assert.Equal(resubscribe, unsubscribe.Resubscribe);
    }

    private static Dictionary<string, DisconnectReason> Declared() =>
        typeof(Disconnects)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(field => field.Name, field => (DisconnectReason)field.GetValue(null)!);
}
