using System.Text;
using System.Text.Json;
using Classroom.Micro.Edge.Commands;
using Classroom.Micro.Edge.Connections;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Commands;

public sealed class StampedConnInfoTests
{
    [Fact]
    public void A_student_whose_token_info_claims_teacher_shows_as_a_student()
    {
        var info = Stamp(new ConnectionIdentity("s1") { Name = "Sam", Role = "student", InfoJson = """{"role":"teacher","name":"Ms Lee","color":"teal"}""" });

        Assert.Equal("student", info.GetProperty("role").GetString());
        Assert.Equal("Sam", info.GetProperty("name").GetString());
        Assert.Equal("teal", info.GetProperty("color").GetString());
    }

    [Fact]
    public void Without_a_name_claim_the_token_info_cannot_supply_a_name()
    {
        var info = Stamp(new ConnectionIdentity("s1") { Role = "student", InfoJson = """{"name":"Ms Lee"}""" });

        Assert.False(info.TryGetProperty("name", out _));
        Assert.Equal("student", info.GetProperty("role").GetString());
    }

    [Fact]
    public void A_principal_without_info_gets_name_and_role()
    {
        var info = Stamp(new ConnectionIdentity("t1") { Name = "Ms Lee", Role = "teacher" });

        Assert.Equal("""{"name":"Ms Lee","role":"teacher"}""", info.GetRawText());
    }

    private static JsonElement Stamp(ConnectionIdentity principal) =>
        JsonDocument.Parse(Encoding.UTF8.GetString(StampedConnInfo.For(principal).Utf8.Span)).RootElement.Clone();
}
