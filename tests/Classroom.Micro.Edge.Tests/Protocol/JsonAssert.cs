using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Protocol;

/// <summary>Compares an encoded message with the expected JSON as parsed documents, not as text.</summary>
internal static class JsonAssert
{
    public static void Same(string expected, ReadOnlySpan<byte> actual)
    {
        var text = Encoding.UTF8.GetString(actual);
        Assert.DoesNotContain('\n', text);
        var actualNode = JsonNode.Parse(text);
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(expected), actualNode),
            $"expected {expected}{Environment.NewLine}but got  {text}");
    }
}
