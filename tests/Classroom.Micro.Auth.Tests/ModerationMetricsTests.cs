using System.Diagnostics.Metrics;
using Classroom.Micro.Auth.Moderation;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Classroom.Micro.Testing;
using StackExchange.Redis;
using Xunit;

namespace Classroom.Micro.Auth.Tests;

/// <summary>Auth's Redis latency and errors, as <see cref="ModerationMetrics"/> measures them around every round trip.</summary>
public sealed class ModerationMetricsTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private readonly ServiceTelemetry _telemetry = new($"Classroom.Micro.Auth.Tests.{Guid.NewGuid():N}");
    private readonly ModerationKeys _keys = new(RedisServer.UniquePrefix());

    [Fact]
    public async Task Every_moderation_round_trip_is_timed_by_operation()
    {
        using var durations = new OperationRecorder(_telemetry.Meter, ModerationMetrics.DurationInstrumentName);
        var store = new ModerationStore(redis.Connection, _keys, new ModerationMetrics(_telemetry), TimeProvider.System);

        await store.MuteAsync("42", "s1").WithTimeout();
        await store.UnmuteAsync("42", "s1").WithTimeout();
        await store.KickAsync("42", "s1", 1_000).WithTimeout();
        await store.GetStandingAsync("42", "s1").WithTimeout();

        Assert.Equal(["mute", "unmute", "kick", "standing"], durations.Operations);
    }

    [Fact]
    public async Task A_round_trip_Redis_cannot_serve_is_counted_as_an_error_of_its_operation()
    {
        using var errors = new OperationRecorder(_telemetry.Meter, ModerationMetrics.ErrorsInstrumentName);
        // Nothing listens there, and commands fail at once instead of waiting for a connection.
        await using var unreachable = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { { "127.0.0.1", FreePort.Next() } },
            AbortOnConnectFail = false,
            ConnectTimeout = 200,
            BacklogPolicy = BacklogPolicy.FailFast,
        }).WithTimeout();
        var store = new ModerationStore(unreachable, _keys, new ModerationMetrics(_telemetry), TimeProvider.System);

        await Assert.ThrowsAsync<RedisConnectionException>(() => store.GetStandingAsync("42", "s1").WithTimeout());

        Assert.Equal(["standing"], errors.Operations);
    }

    public void Dispose() => _telemetry.Dispose();

    /// <summary>The <c>operation</c> tag of every measurement of one instrument.</summary>
    private sealed class OperationRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<string> _operations = [];

        public OperationRecorder(Meter meter, string instrumentName)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == meter && instrument.Name == instrumentName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) => Record(tags));
            _listener.SetMeasurementEventCallback<double>((_, _, tags, _) => Record(tags));
            _listener.Start();
        }

        public IReadOnlyList<string> Operations
        {
            get
            {
                lock (_operations)
                {
                    return [.. _operations];
                }
            }
        }

        public void Dispose() => _listener.Dispose();

        private void Record(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "operation")
                {
                    lock (_operations)
                    {
                        _operations.Add((string)tag.Value!);
                    }
                }
            }
        }
    }
}
