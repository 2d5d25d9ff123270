using Classroom.Micro.Gateway.Balancing;
using Microsoft.AspNetCore.Http;
using Xunit;
using Yarp.ReverseProxy.Model;

namespace Classroom.Micro.Gateway.Tests.Balancing;

public sealed class ClassroomAffinityPolicyTests
{
    private static readonly ClusterState Cluster = new("edges");

    private static DestinationState[] Edges(params int[] openConnections) =>
        [.. openConnections.Select((count, i) => new DestinationState($"http://127.0.0.1:{7400 + (10 * i)}/") { ConcurrentRequestCount = count })];

    private static DefaultHttpContext Request(string query)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        return context;
    }

    [Fact]
    public void A_classroom_goes_to_its_rendezvous_owner()
    {
        var edges = Edges(0, 0, 0);
        var policy = new ClassroomAffinityPolicy();

        var picked = policy.PickDestination(Request("?classroom=42&cf_protocol=json"), Cluster, edges);

        Assert.Same(RendezvousHash.Choose("42", edges, static edge => edge.DestinationId), picked);
    }

    [Fact]
    public void A_classroom_stays_on_its_edge_however_busy_the_edge_is()
    {
        var idle = Edges(0, 0, 0);
        var policy = new ClassroomAffinityPolicy();
        var owner = policy.PickDestination(Request("?classroom=7"), Cluster, idle)!;
        owner.ConcurrentRequestCount = 10_000;

        Assert.Same(owner, policy.PickDestination(Request("?classroom=7"), Cluster, idle));
    }

    [Fact]
    public void Without_a_classroom_the_less_busy_of_two_edges_is_chosen()
    {
        var edges = Edges(5, 1);
        var policy = new ClassroomAffinityPolicy();

        for (var i = 0; i < 50; i++)
        {
            Assert.Same(edges[1], policy.PickDestination(Request(string.Empty), Cluster, edges));
        }
    }

    [Fact]
    public void The_busiest_of_three_edges_is_never_chosen_without_a_classroom()
    {
        var edges = Edges(9, 3, 4);
        for (var i = 0; i < 200; i++)
        {
            Assert.NotSame(edges[0], LeastBusyOfTwo.Pick(edges, Random.Shared));
        }
    }

    [Fact]
    public void A_single_edge_takes_everything_and_none_means_no_destination()
    {
        var policy = new ClassroomAffinityPolicy();
        var single = Edges(3);

        Assert.Same(single[0], policy.PickDestination(Request("?classroom=1"), Cluster, single));
        Assert.Null(policy.PickDestination(Request("?classroom=1"), Cluster, []));
    }
}
