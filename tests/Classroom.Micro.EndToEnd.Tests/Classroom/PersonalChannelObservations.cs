using System.Text.Json;

namespace Classroom.Micro.EndToEnd.Tests.Classroom;

/// <summary>The result line of <c>personal-channels.mjs</c>.</summary>
internal sealed record PersonalChannelResult(
    string Channel,
    IReadOnlyDictionary<string, string> Users,
    SubscribeOutcome ClassmateSubscribes,
    CallOutcome ClassmatePublishes,
    CallOutcome OwnerPublishes,
    CallOutcome OtherTeacherPublishes,
    CallOutcome TeacherPublishes,
    string? DeliveryError,
    IReadOnlyList<ReceivedPublication> Received,
    int ClassmatePushesOnPersonal);

internal sealed record ReceivedPublication(JsonElement Data, string? User, string? Client);
