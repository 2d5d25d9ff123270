using Classroom.Micro.Benchmarks.Measurement;
using Classroom.Micro.Benchmarks.Reporting;
using Classroom.Micro.Benchmarks.Scenarios;
using Xunit;

namespace Classroom.Micro.Benchmarks.Tests.Checks;

public sealed class ReportFailuresTests
{
    [Fact]
    public void A_fanout_that_lost_deliveries_is_reported_as_a_failure()
    {
        var integrity = DeliveryIntegrity.None with { Expected = 100, Received = 97, Missing = 3, MembersAffected = 2 };

        var failures = ReportFailures.Of(connections: null, Fanout(integrity), ramp: null);

        var failure = Assert.Single(failures);
        Assert.Contains("3 of 100 deliveries missing", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_intact_fanout_reports_no_failure()
    {
        var integrity = DeliveryIntegrity.None with { Expected = 100, Received = 100 };

        Assert.Empty(ReportFailures.Of(connections: null, Fanout(integrity), ramp: null));
    }

    private static FanoutResult Fanout(DeliveryIntegrity integrity) =>
        new(2, 20, 5, 200, 10, 2, 5, 2, 50, LatencySummary.Empty, LatencySummary.Empty, integrity, JoinFailures: 0, Cpu: []);
}
