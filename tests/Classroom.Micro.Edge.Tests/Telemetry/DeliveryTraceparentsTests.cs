using Classroom.Micro.Edge.Subscriptions;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Telemetry;

public sealed class DeliveryTraceparentsTests
{
    private const string Traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    [Fact]
    public void A_remembered_traceparent_is_taken_once_for_its_epoch_and_offset()
    {
        var traceparents = new DeliveryTraceparents();
        traceparents.Remember("e1", 5, Traceparent);

        Assert.Null(traceparents.Take("e1", 4));
        Assert.Equal(Traceparent, traceparents.Take("e1", 5));
        Assert.Null(traceparents.Take("e1", 5));
    }

    [Fact]
    public void A_traceparent_of_a_former_epoch_is_not_given_to_the_same_offset_of_a_new_one()
    {
        var traceparents = new DeliveryTraceparents();
        traceparents.Remember("old", 3, Traceparent);

        Assert.Null(traceparents.Take("new", 3));
    }

    [Fact]
    public void Offsets_released_or_skipped_are_forgotten_and_later_ones_kept()
    {
        var traceparents = new DeliveryTraceparents();
        traceparents.Remember("e1", 2, Traceparent);
        traceparents.Remember("e1", 9, Traceparent);

        traceparents.ForgetThrough(5);

        Assert.Null(traceparents.Take("e1", 2));
        Assert.Equal(Traceparent, traceparents.Take("e1", 9));
    }

    [Fact]
    public void A_delivery_without_trace_context_is_not_remembered()
    {
        var traceparents = new DeliveryTraceparents();
        traceparents.Remember("e1", 1, string.Empty);

        Assert.Null(traceparents.Take("e1", 1));
    }
}
