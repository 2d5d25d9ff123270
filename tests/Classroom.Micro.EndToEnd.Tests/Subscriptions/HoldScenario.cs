using System.Globalization;
using System.Text.Json;
using Classroom.Micro.EndToEnd.Tests.Scenarios;
using Classroom.Micro.Testing.Cluster;

namespace Classroom.Micro.EndToEnd.Tests.Subscriptions;

/// <summary>Starts <c>hold.mjs</c>: subscribed clients held open until the test releases them.</summary>
internal static class HoldScenario
{
    public static NodeScenario Start(Cluster cluster, string classroom, int clientsPerEdge, int clientsViaGateway)
    {
        var environment = cluster.ScenarioEnvironment();
        environment["CLASSROOM"] = classroom;
        environment["CLIENTS_PER_EDGE"] = clientsPerEdge.ToString(CultureInfo.InvariantCulture);
        environment["CLIENTS_VIA_GATEWAY"] = clientsViaGateway.ToString(CultureInfo.InvariantCulture);
        return NodeScenario.Start("hold.mjs", environment);
    }

    /// <summary>Waits until every client is subscribed.</summary>
    public static async Task<HeldClients> SubscribedAsync(NodeScenario scenario)
    {
        var checkpoint = await scenario.CheckpointAsync("subscribed", NodeScenario.DefaultTimeout);
        return checkpoint.Deserialize<HeldClients>(JsonDefaults.Web)!;
    }
}
