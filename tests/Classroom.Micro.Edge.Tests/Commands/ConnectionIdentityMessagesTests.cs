using Classroom.Micro.Auth.V1;
using Classroom.Micro.Edge.Commands;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Commands;

/// <summary>The edge keeps auth's principal as its own record, and hands auth back exactly what auth validated.</summary>
public sealed class ConnectionIdentityMessagesTests
{
    [Fact]
    public void A_principal_survives_the_trip_through_the_connection_identity()
    {
        var principal = new Principal
        {
            UserId = "t1",
            Name = "Ms Lee",
            Role = "teacher",
            Classrooms = { "math", "42" },
            InfoJson = """{"seat":1}""",
            ExpiresAtUnix = 1_900_000_000,
            IssuedAtUnix = 1_800_000_000,
            Channels = { "classroom:math" },
        };

        var identity = principal.ToIdentity();

        Assert.Equal(principal, identity.ToMessage());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000), identity.ExpiresAt);
    }

    [Fact]
    public void A_token_without_exp_never_expires()
    {
        Assert.Null(new Principal { UserId = "s1" }.ToIdentity().ExpiresAt);
    }
}
