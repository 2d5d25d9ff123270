using Classroom.Micro.Edge.Connections;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Connections;

public sealed class ConnectionExpiryTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_lapsed_token_is_due_once_the_grace_has_passed()
    {
        using var expiry = new ConnectionExpiry(Grace);

        expiry.ExpireAt(Start.AddSeconds(5));

        Assert.False(expiry.IsDue(Start.AddSeconds(5) + Grace - TimeSpan.FromTicks(1)));
        Assert.True(expiry.IsDue(Start.AddSeconds(5) + Grace));
    }

    [Fact]
    public void A_refresh_moves_the_expiry_and_the_old_deadline_passes_quietly()
    {
        using var expiry = new ConnectionExpiry(Grace);

        expiry.ExpireAt(Start.AddSeconds(5));
        expiry.ExpireAt(Start.AddSeconds(65));

        Assert.False(expiry.IsDue(Start.AddSeconds(14)));
        Assert.Equal(Start.AddSeconds(65), expiry.ExpiresAt);
        Assert.True(expiry.IsDue(Start.AddSeconds(67)));
    }

    [Fact]
    public void A_token_without_expiry_is_never_due()
    {
        using var expiry = new ConnectionExpiry(Grace);

        expiry.ExpireAt(Start.AddSeconds(5));
        expiry.ExpireAt(null);

        Assert.False(expiry.IsDue(Start.AddHours(1)));
        Assert.Null(expiry.ExpiresAt);
    }

    [Fact]
    public void A_token_already_past_its_grace_is_due_at_once()
    {
        using var expiry = new ConnectionExpiry(Grace);

        expiry.ExpireAt(Start.AddSeconds(-10));

        Assert.True(expiry.IsDue(Start));
    }

    [Fact]
    public void Disposing_cancels_a_pending_expiry()
    {
        var expiry = new ConnectionExpiry(Grace);

        expiry.ExpireAt(Start.AddSeconds(5));
        expiry.Dispose();

        Assert.False(expiry.IsDue(Start.AddMinutes(1)));
    }

    [Fact]
    public void A_refresh_that_arrives_after_the_connection_closed_sets_nothing()
    {
        var expiry = new ConnectionExpiry(Grace);

        expiry.Dispose();
        expiry.ExpireAt(Start.AddSeconds(5));

        Assert.False(expiry.IsDue(Start.AddMinutes(1)));
        Assert.Null(expiry.ExpiresAt);
    }

    [Fact]
    public void An_expiry_a_year_ahead_is_due_exactly_then()
    {
        // No timer is armed for it, so no timer limit (about 49 days) applies.
        using var expiry = new ConnectionExpiry(Grace);

        expiry.ExpireAt(Start.AddDays(365));

        Assert.False(expiry.IsDue(Start.AddDays(365) + Grace - TimeSpan.FromMilliseconds(1)));
        Assert.True(expiry.IsDue(Start.AddDays(365) + Grace));
    }
}
