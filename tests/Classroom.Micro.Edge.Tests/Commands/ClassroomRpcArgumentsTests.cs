using System.Text;
using Classroom.Micro.Edge.Commands;
using Classroom.Micro.Edge.Protocol;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Commands;

public sealed class ClassroomRpcArgumentsTests
{
    [Fact]
    public void Classroom_and_user_are_read_from_the_rpc_data()
    {
        Assert.True(ClassroomRpcArguments.TryRead(Json("""{"classroom":"42","user":"s1"}"""), ["42", "43"], out var arguments));

        Assert.Equal(new ClassroomRpcArguments("42", "s1"), arguments);
    }

    [Fact]
    public void Numeric_ids_are_read_as_their_digits()
    {
        Assert.True(ClassroomRpcArguments.TryRead(Json("""{"classroom":42,"user":7}"""), [], out var arguments));

        Assert.Equal(new ClassroomRpcArguments("42", "7"), arguments);
    }

    [Theory]
    [InlineData("""{"user":"s1"}""")]
    [InlineData("""{"classroom":null,"user":"s1"}""")]
    [InlineData("""{"classroom":"","user":"s1"}""")]
    public void Classroom_defaults_to_the_callers_only_classroom(string data)
    {
        Assert.True(ClassroomRpcArguments.TryRead(Json(data), ["42"], out var arguments));

        Assert.Equal(new ClassroomRpcArguments("42", "s1"), arguments);
    }

    [Fact]
    public void Missing_data_is_read_as_an_empty_object()
    {
        Assert.True(ClassroomRpcArguments.TryRead(default, ["42"], out var arguments));

        Assert.Equal(new ClassroomRpcArguments("42", ""), arguments);
    }

    [Fact]
    public void Classroom_cannot_be_left_out_by_a_caller_of_several_classrooms()
    {
        Assert.False(ClassroomRpcArguments.TryRead(Json("""{"user":"s1"}"""), ["42", "43"], out _));
        Assert.False(ClassroomRpcArguments.TryRead(Json("""{"user":"s1"}"""), [], out _));
    }

    [Theory]
    [InlineData("""[1,2]""")]
    [InlineData("\"42\"")]
    [InlineData("""{"classroom":{"id":"42"}}""")]
    [InlineData("""{"classroom":"42","user":true}""")]
    [InlineData("""{"classroom":4.2}""")]
    public void Data_of_the_wrong_shape_is_refused(string data)
    {
        Assert.False(ClassroomRpcArguments.TryRead(Json(data), ["42"], out _));
    }

    private static RawJson Json(string text)
    {
        Assert.True(RawJson.TryCreate(Encoding.UTF8.GetBytes(text), out var json));
        return json;
    }
}
