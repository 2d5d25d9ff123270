using Classroom.Micro.Fanout.Edges;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Edges;

public sealed class InterestTableTests
{
    [Fact]
    public void Each_interested_edge_is_listed_once_per_channel()
    {
        var table = new InterestTable();
        using var first = new EdgeAttachment("edge-1", 8);
        using var second = new EdgeAttachment("edge-2", 8);

        table.Add(first, ["classroom:1", "classroom:2"]);
        table.Add(first, ["classroom:1"]);
        table.Add(second, ["classroom:1"]);

        Assert.Equal([first, second], table.Interested("classroom:1"));
        Assert.Equal([first], table.Interested("classroom:2"));
        Assert.Empty(table.Interested("classroom:3"));
    }

    [Fact]
    public void Unsubscribing_removes_only_that_edge_from_those_channels()
    {
        var table = new InterestTable();
        using var first = new EdgeAttachment("edge-1", 8);
        using var second = new EdgeAttachment("edge-2", 8);
        table.Add(first, ["classroom:1", "classroom:2"]);
        table.Add(second, ["classroom:1"]);

        table.Remove(first, ["classroom:1", "classroom:unknown"]);

        Assert.Equal([second], table.Interested("classroom:1"));
        Assert.Equal([first], table.Interested("classroom:2"));
    }

    [Fact]
    public void A_closed_stream_loses_all_its_interests()
    {
        var table = new InterestTable();
        using var first = new EdgeAttachment("edge-1", 8);
        using var second = new EdgeAttachment("edge-2", 8);
        table.Add(first, ["classroom:1", "classroom:2"]);
        table.Add(second, ["classroom:2"]);

        table.RemoveAll(first);

        Assert.Empty(table.Interested("classroom:1"));
        Assert.Equal([second], table.Interested("classroom:2"));
    }
}
