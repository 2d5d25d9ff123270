using System.Globalization;
using Classroom.Micro.Benchmarks.Scenarios;

namespace Classroom.Micro.Benchmarks.Reporting;

/// <summary>Every correctness failure of a run in words: these make the benchmark fail, whatever its speed.</summary>
internal static class ReportFailures
{
    public static IReadOnlyList<string> Of(ConnectionsResult? connections, FanoutResult? fanout, RampResult? ramp)
    {
        var failures = new List<string>();
        if (connections is not null)
        {
            Add(failures, connections.JoinFailures, $"connections: {connections.JoinFailures} members could not join (first: {connections.FirstFailure})");
            Add(failures, connections.LostWhileIdle, $"connections: {connections.LostWhileIdle} idle connections were closed by the server");
        }

        if (fanout is not null)
        {
            Describe(failures, "fanout", fanout);
        }

        foreach (var (step, index) in (ramp?.Steps ?? []).Select((step, index) => (step, index)))
        {
            Describe(failures, string.Create(CultureInfo.InvariantCulture, $"ramp step {index + 1}"), step);
        }

        return failures;
    }

    /// <summary>A fanout-shaped run's failures (the side-by-side runs share it): joins, publishes, and every member's ledger.</summary>
    internal static void Describe(List<string> failures, string scenario, FanoutResult result)
    {
        Add(failures, result.JoinFailures, $"{scenario}: {result.JoinFailures} members could not join");
        Describe(failures, scenario, result.Integrity);
    }

    /// <summary>Every member's ledger: publishes that failed, deliveries missing, duplicated or out of order, connections lost.</summary>
    internal static void Describe(List<string> failures, string scenario, DeliveryIntegrity integrity)
    {
        Add(failures, integrity.FailedPublishes, $"{scenario}: {integrity.FailedPublishes} publishes failed");
        Add(failures, integrity.Missing, $"{scenario}: {integrity.Missing} of {integrity.Expected} deliveries missing ({integrity.MembersAffected} members affected)");
        Add(failures, integrity.Duplicates, $"{scenario}: {integrity.Duplicates} duplicate deliveries");
        Add(failures, integrity.OutOfOrder, $"{scenario}: {integrity.OutOfOrder} deliveries out of order");
        Add(failures, integrity.ConnectionsLost, $"{scenario}: {integrity.ConnectionsLost} member connections lost");
    }

    internal static void Add(List<string> failures, long count, FormattableString message)
    {
        if (count > 0)
        {
            failures.Add(message.ToString(CultureInfo.InvariantCulture));
        }
    }
}
