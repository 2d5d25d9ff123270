using Classroom.Micro.Gateway.Balancing;
using Xunit;

namespace Classroom.Micro.Gateway.Tests.Balancing;

public sealed class RendezvousHashTests
{
    private static readonly string[] ThreeEdges = ["http://10.0.0.1:7400/", "http://10.0.0.2:7400/", "http://10.0.0.3:7400/"];

    private static IEnumerable<string> Classrooms(int count) => Enumerable.Range(1, count).Select(i => $"classroom-{i}");

    private static string? Owner(string classroom, IReadOnlyList<string> nodes) => RendezvousHash.Choose(classroom, nodes, static node => node);

    [Fact]
    public void A_classroom_always_gets_the_same_node_whatever_the_order_of_the_nodes()
    {
        string[] reversed = [.. ThreeEdges.Reverse()];
        foreach (var classroom in Classrooms(500))
        {
            var owner = Owner(classroom, ThreeEdges);
            Assert.Equal(owner, Owner(classroom, ThreeEdges));
            Assert.Equal(owner, Owner(classroom, reversed));
        }
    }

    [Fact]
    public void The_choice_is_the_same_in_every_process()
    {
        // Pinned values: gateway replicas (and future versions) must agree on where a classroom lives.
        Assert.Equal("http://10.0.0.3:7400/", Owner("classroom-1", ThreeEdges));
        Assert.Equal("http://10.0.0.1:7400/", Owner("classroom-2", ThreeEdges));
        Assert.Equal("http://10.0.0.2:7400/", Owner("classroom-42", ThreeEdges));
    }

    [Fact]
    public void Removing_a_node_moves_only_the_classrooms_that_were_on_it()
    {
        var removed = ThreeEdges[1];
        string[] remaining = [ThreeEdges[0], ThreeEdges[2]];
        var moved = 0;
        foreach (var classroom in Classrooms(3000))
        {
            var before = Owner(classroom, ThreeEdges);
            var after = Owner(classroom, remaining);
            if (before == removed)
            {
                Assert.NotEqual(removed, after);
                moved++;
            }
            else
            {
                Assert.Equal(before, after);
            }
        }

        Assert.InRange(moved, 750, 1260);
    }

    [Fact]
    public void Adding_a_node_moves_classrooms_only_onto_the_new_node()
    {
        string[] four = [.. ThreeEdges, "http://10.0.0.4:7400/"];
        foreach (var classroom in Classrooms(3000))
        {
            var before = Owner(classroom, ThreeEdges);
            var after = Owner(classroom, four);
            Assert.True(after == before || after == four[3], $"{classroom} moved from {before} to {after}");
        }
    }

    [Fact]
    public void Three_nodes_share_3000_classrooms_roughly_evenly()
    {
        var counts = Classrooms(3000)
            .GroupBy(classroom => Owner(classroom, ThreeEdges))
            .ToDictionary(group => group.Key!, group => group.Count());

        Assert.Equal(3, counts.Count);
        foreach (var (node, count) in counts)
        {
            Assert.True(count is >= 750 and <= 1260, $"{node} owns {count} of 3000 classrooms");
        }
    }

    [Fact]
    public void No_node_means_no_choice()
    {
        Assert.Null(Owner("classroom-1", []));
    }
}
