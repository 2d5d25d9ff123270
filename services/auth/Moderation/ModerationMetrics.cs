using System.Diagnostics.Metrics;
using Classroom.Micro.ServiceDefaults.Telemetry;

namespace Classroom.Micro.Auth.Moderation;

/// <summary>
/// Auth's Redis instruments, on the service's one meter. The moderation state is auth's only Redis use, and it is read
/// on every classroom permission an edge asks for, so its latency is part of every first subscribe and publish.
/// </summary>
internal sealed class ModerationMetrics
{
    public const string ErrorsInstrumentName = "classroom.auth.redis.errors";
    public const string DurationInstrumentName = "classroom.auth.redis.duration";

    private readonly Counter<long> _redisErrors;
    private readonly Histogram<double> _redisDuration;

    public ModerationMetrics(ServiceTelemetry telemetry)
    {
        _redisErrors = telemetry.Meter.CreateCounter<long>(
            ErrorsInstrumentName, "{error}", "Moderation state reads and writes that failed in Redis, by operation.");
        _redisDuration = telemetry.Meter.CreateHistogram<double>(
            DurationInstrumentName, "ms", "Time a moderation state read or write spent on its Redis round trip, by operation.");
    }

    /// <summary>Counts a failed Redis operation; <paramref name="operation"/> is a fixed name, never a key.</summary>
    public void RedisFailed(string operation) => _redisErrors.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void RedisTook(string operation, TimeSpan duration) =>
        _redisDuration.Record(duration.TotalMilliseconds, new KeyValuePair<string, object?>("operation", operation));
}
