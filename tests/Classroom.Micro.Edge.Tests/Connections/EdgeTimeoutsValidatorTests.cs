using Classroom.Micro.Edge.Configuration;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Connections;

/// <summary>Each ordering rule between the edge's timeouts refuses a configuration that breaks it, naming both settings.</summary>
public sealed class EdgeTimeoutsValidatorTests
{
    private static readonly EdgeTimeoutsValidator Validator = new();

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(Validator.Validate(null, new EdgeOptions()).Succeeded);
    }

    [Fact]
    public void A_join_deadline_not_shorter_than_the_join_timeout_is_refused()
    {
        var failure = Failure(new EdgeOptions { JoinDeadline = TimeSpan.FromSeconds(10), JoinTimeout = TimeSpan.FromSeconds(10) });

        Assert.Contains("Edge:JoinDeadline (00:00:10) must be shorter than Edge:JoinTimeout (00:00:10)", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interest_ack_timeout_not_shorter_than_the_join_deadline_is_refused()
    {
        var failure = Failure(new EdgeOptions { InterestAckTimeout = TimeSpan.FromSeconds(9) });

        Assert.Contains("Edge:InterestAckTimeout (00:00:09) must be shorter than Edge:JoinDeadline (00:00:08)", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_heartbeat_not_shorter_than_the_connect_timeout_is_refused()
    {
        var failure = Failure(new EdgeOptions { HeartbeatInterval = TimeSpan.FromSeconds(6), PongGrace = TimeSpan.FromSeconds(30) });

        Assert.Contains("Edge:HeartbeatInterval (00:00:06) must be shorter than Edge:ConnectTimeout (00:00:05)", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("PongGrace", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_heartbeat_not_shorter_than_the_pong_grace_is_refused()
    {
        var failure = Failure(new EdgeOptions { PongGrace = TimeSpan.FromSeconds(1) });

        Assert.Contains("Edge:HeartbeatInterval (00:00:01) must be shorter than Edge:PongGrace (00:00:01)", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(EdgeOptions.PingInterval))]
    [InlineData(nameof(EdgeOptions.ConnectTimeout))]
    [InlineData(nameof(EdgeOptions.JoinTimeout))]
    [InlineData(nameof(EdgeOptions.AnnounceTimeout))]
    public void A_timeout_that_is_not_positive_is_refused_by_name(string setting)
    {
        var options = new EdgeOptions();
        typeof(EdgeOptions).GetProperty(setting)!.SetValue(options, TimeSpan.Zero);

        Assert.Contains($"Edge:{setting} must be positive", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_expired_close_delay_is_refused()
    {
        Assert.Contains("Edge:ExpiredCloseDelay must not be negative", Failure(new EdgeOptions { ExpiredCloseDelay = TimeSpan.FromSeconds(-1) }), StringComparison.Ordinal);
    }

    private static string Failure(EdgeOptions options)
    {
        var result = Validator.Validate(null, options);
        Assert.True(result.Failed);
        return result.FailureMessage;
    }
}
