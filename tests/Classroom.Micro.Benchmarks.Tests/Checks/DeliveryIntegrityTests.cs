using Classroom.Micro.Benchmarks.Scenarios;
using Xunit;

namespace Classroom.Micro.Benchmarks.Tests.Checks;

public sealed class DeliveryIntegrityTests
{
    [Fact]
    public void Every_publication_once_in_offset_order_is_intact()
    {
        var integrity = DeliveryIntegrity.OfMember([Stroke(10, 0), Stroke(11, 1), Stroke(12, 2)], publications: 3, connectionLost: false);

        Assert.True(integrity.Intact);
        Assert.Equal(0, integrity.MembersAffected);
    }

    [Fact]
    public void A_missing_publication_is_counted_and_breaks_integrity()
    {
        var integrity = DeliveryIntegrity.OfMember([Stroke(10, 0), Stroke(12, 2)], publications: 3, connectionLost: false);

        Assert.Equal(1, integrity.Missing);
        Assert.Equal(1, integrity.MembersAffected);
        Assert.False(integrity.Intact);
    }

    [Fact]
    public void Duplicate_and_reordered_deliveries_are_counted()
    {
        var integrity = DeliveryIntegrity.OfMember([Stroke(11, 1), Stroke(10, 0), Stroke(10, 0), Stroke(12, 2)], publications: 3, connectionLost: false);

        Assert.Equal(0, integrity.Missing);
        Assert.Equal(1, integrity.Duplicates);
        Assert.Equal(1, integrity.OutOfOrder);
        Assert.False(integrity.Intact);
    }

    [Fact]
    public void A_lost_connection_breaks_integrity_even_with_everything_delivered()
    {
        var integrity = DeliveryIntegrity.OfMember([Stroke(10, 0)], publications: 1, connectionLost: true);

        Assert.Equal(1, integrity.ConnectionsLost);
        Assert.False(integrity.Intact);
    }

    private static ReceivedStroke Stroke(ulong offset, long sequence) => new(offset, sequence, SentAt: 0, ReceivedAt: 0);
}
