using System.Text;
using Classroom.Micro.Edge.Protocol;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Protocol;

/// <summary>Runs the parser over test frames written as strings.</summary>
internal static class ParsedFrames
{
    public static List<ClientCommand> Ok(string frame)
    {
        var commands = new List<ClientCommand>();
        Assert.Equal(FrameParseResult.Ok, CommandParser.Parse(Encoding.UTF8.GetBytes(frame), commands));
        return commands;
    }

    public static ClientCommand Single(string frame) => Assert.Single(Ok(frame));

    public static T Single<T>(string frame) where T : ClientCommand => Assert.IsType<T>(Single(frame));

    public static void Malformed(string frame) => Malformed(Encoding.UTF8.GetBytes(frame));

    public static void Malformed(byte[] frame)
    {
        var commands = new List<ClientCommand>();
        Assert.Equal(FrameParseResult.Malformed, CommandParser.Parse(frame, commands));
        Assert.Empty(commands);
    }

    public static void Invalid(string frame, uint id, int code)
    {
        var invalid = Single<InvalidCommand>(frame);
        Assert.Equal(id, invalid.Id);
        Assert.Equal(code, invalid.Error.Code);
    }
}
