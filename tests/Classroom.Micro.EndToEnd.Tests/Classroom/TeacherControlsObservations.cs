namespace Classroom.Micro.EndToEnd.Tests.Classroom;

/// <summary>The result line of <c>teacher-controls.mjs</c>.</summary>
internal sealed record TeacherControlsResult(
    IReadOnlyDictionary<string, string> Users,
    RpcErrorsSeen Errors,
    MuteSeen Mute,
    KickSeen Kick,
    EndSeen End);

internal sealed record RpcErrorsSeen(CallOutcome StudentKicks, CallOutcome UnknownMethod, CallOutcome KickWithoutUser, CallOutcome ForeignClassroom);

internal sealed record MuteSeen(
    CallOutcome BeforeMute,
    CallOutcome Mute,
    SettledPublish WhileMuted,
    CallOutcome TeacherWhileMuted,
    bool MutedStillReceives,
    CallOutcome Unmute,
    SettledPublish AfterUnmute);

internal sealed record KickSeen(
    CallOutcome Kick,
    ClientState KickedAfter,
    ConnectOutcome SameTokenConnect,
    SubscribeOutcome? SameTokenSubscribe,
    SubscribeOutcome FreshSubscribe,
    CallOutcome? FreshPublish);

internal sealed record EndSeen(
    CallOutcome End,
    string? EndError,
    IReadOnlyDictionary<string, string> Clients,
    IReadOnlyList<ClientState> Members,
    IReadOnlyList<ClientState> Bystanders);
