using Classroom.Micro.Registry.V1;
using Classroom.Micro.Testing.Cluster;

namespace Classroom.Micro.EndToEnd.Tests.Messaging;

/// <summary>Everything observed in one broadcast run: the registry at the checkpoint, the SDK's observations, the registry after.</summary>
internal sealed record BroadcastOutcome(
    string ClassroomA,
    string ClassroomB,
    IReadOnlyDictionary<string, string> ClientsByLabel,
    IReadOnlyList<Subscription> RegistryOnA,
    IReadOnlyList<Subscription> RegistryOnB,
    BroadcastResult Result,
    IReadOnlyList<Subscription> RegistryAfterDisconnect,
    string ScenarioOutput)
{
    /// <summary>What the members of <paramref name="classroom"/> observed.</summary>
    public IEnumerable<MemberObservation> MembersOf(string classroom) =>
        Result.Members.Where(member => member.Channel == "classroom:" + classroom);

    /// <summary>A readable account for assertion messages.</summary>
    public string Describe() =>
        $"""
        registry on A at checkpoint: {RegistryOnA.Describe()}
        registry on B at checkpoint: {RegistryOnB.Describe()}
        registry after disconnect: {RegistryAfterDisconnect.Describe()}
        scenario output:
        {ScenarioOutput}
        """;
}
