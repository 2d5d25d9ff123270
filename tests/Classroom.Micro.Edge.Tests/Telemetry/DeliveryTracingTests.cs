using System.Diagnostics;
using Classroom.Micro.Edge.Telemetry;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Telemetry;

public sealed class DeliveryTracingTests : IDisposable
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string PublishSpanId = "00f067aa0ba902b7";

    private readonly ServiceTelemetry _telemetry = new($"Classroom.Micro.Edge.Tests.{Guid.NewGuid():N}");
    private readonly ActivityListener _listener;

    public DeliveryTracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source == _telemetry.ActivitySource,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public void A_delivery_span_is_a_consumer_child_of_the_publish_in_its_traceparent()
    {
        using var activity = new DeliveryTracing(_telemetry).StartDeliver("classroom:42", 17, $"00-{TraceId}-{PublishSpanId}-01", 3);

        Assert.NotNull(activity);
        Assert.Equal(DeliveryTracing.SpanName, activity.OperationName);
        Assert.Equal(ActivityKind.Consumer, activity.Kind);
        Assert.Equal(TraceId, activity.TraceId.ToHexString());
        Assert.Equal(PublishSpanId, activity.ParentSpanId.ToHexString());
        Assert.Equal("classroom:42", activity.GetTagItem("messaging.destination.name"));
        Assert.Equal(17L, activity.GetTagItem("classroom.offset"));
        Assert.Equal(3, activity.GetTagItem("classroom.edge.local_subscribers"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-traceparent")]
    public void Without_a_valid_traceparent_a_delivery_is_a_trace_of_its_own(string? traceparent)
    {
        using var ambient = _telemetry.ActivitySource.StartActivity("ambient");
        Activity.Current = null;

        using var activity = new DeliveryTracing(_telemetry).StartDeliver("classroom:42", 1, traceparent, 1);

        Assert.NotNull(activity);
        Assert.Equal(default, activity.ParentSpanId);
        Assert.NotEqual(ambient!.TraceId, activity.TraceId);
    }

    [Fact]
    public void Nothing_is_started_when_nobody_listens()
    {
        using var silent = new ServiceTelemetry($"Classroom.Micro.Edge.Tests.{Guid.NewGuid():N}");

        Assert.Null(new DeliveryTracing(silent).StartDeliver("classroom:42", 1, $"00-{TraceId}-{PublishSpanId}-01", 1));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _telemetry.Dispose();
    }
}
