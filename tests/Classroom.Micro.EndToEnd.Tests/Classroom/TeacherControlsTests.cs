using Classroom.Micro.EndToEnd.Tests.Hosting;
using Classroom.Micro.Testing.Cluster;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Classroom;

/// <summary>
/// A teacher's rpc methods through the real SDK (see <c>tests/e2e/teacher-controls.mjs</c>): mute and unmute, kick,
/// end of class, and the errors of students and unknown methods. Kicked and ended connections are closed with
/// 3503, which the SDK does not retry; the reason tells which ("kicked", "class ended").
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class TeacherControlsTests(ClusterFixture fixture, TeacherControlsRun run) : IClassFixture<TeacherControlsRun>
{
    private const int Timeout = 150_000;
    private const int ForceNoReconnect = 3503;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [Fact(Timeout = Timeout)]
    public async Task Student_calling_a_teacher_method_is_refused_with_103()
    {
        var outcome = await OutcomeAsync();

        AssertRefused(outcome.Result.Errors.StudentKicks, 103, "a student's classroom.kick", outcome);
    }

    [Fact(Timeout = Timeout)]
    public async Task Teacher_cannot_moderate_a_classroom_they_do_not_teach()
    {
        var outcome = await OutcomeAsync();

        AssertRefused(outcome.Result.Errors.ForeignClassroom, 103, "classroom.mute of another classroom", outcome);
    }

    [Fact(Timeout = Timeout)]
    public async Task Unknown_rpc_method_is_answered_with_104()
    {
        var outcome = await OutcomeAsync();

        AssertRefused(outcome.Result.Errors.UnknownMethod, 104, "classroom.explode", outcome);
    }

    [Fact(Timeout = Timeout)]
    public async Task Kick_without_a_user_is_a_bad_request()
    {
        var outcome = await OutcomeAsync();

        AssertRefused(outcome.Result.Errors.KickWithoutUser, 107, "classroom.kick without a user", outcome);
    }

    [Fact(Timeout = Timeout)]
    public async Task Muted_student_is_refused_publishing_with_103_but_still_receives()
    {
        var outcome = await OutcomeAsync();
        var mute = outcome.Result.Mute;

        Assert.True(mute.BeforeMute.Ok, $"the student could not publish before the mute: {mute.BeforeMute}.\n{outcome.Output}");
        Assert.True(mute.Mute.Ok && mute.Mute.DataString("user") == outcome.Result.Users["muted"], $"classroom.mute answered {mute.Mute}.\n{outcome.Output}");
        Assert.True(mute.WhileMuted.Settled && mute.WhileMuted.Last?.Code == 103, $"the muted student's publish was not refused with 103: {mute.WhileMuted}.\n{outcome.Output}");
        Assert.True(mute.TeacherWhileMuted.Ok && mute.MutedStillReceives, $"the muted student stopped receiving: teacher publish {mute.TeacherWhileMuted}.\n{outcome.Output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Unmuted_student_publishes_again()
    {
        var outcome = await OutcomeAsync();
        var mute = outcome.Result.Mute;

        Assert.True(mute.Unmute.Ok, $"classroom.unmute answered {mute.Unmute}.\n{outcome.Output}");
        Assert.True(mute.AfterUnmute.Settled && mute.AfterUnmute.Last?.Ok == true, $"the unmuted student still cannot publish: {mute.AfterUnmute}.\n{outcome.Output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Kicked_student_is_disconnected_for_good()
    {
        var outcome = await OutcomeAsync();
        var kick = outcome.Result.Kick;

        Assert.True(kick.Kick.Ok && kick.Kick.DataString("user") == outcome.Result.Users["kicked"], $"classroom.kick answered {kick.Kick}.\n{outcome.Output}");
        AssertClosedForGood(kick.KickedAfter, "kicked", outcome);
    }

    [Fact(Timeout = Timeout)]
    public async Task Kicked_student_cannot_rejoin_with_the_same_token()
    {
        var outcome = await OutcomeAsync();
        var kick = outcome.Result.Kick;

        Assert.True(
            kick.SameTokenSubscribe is { Subscribed: false, Code: 103 },
            $"with the token of before the kick: connect {kick.SameTokenConnect}, subscribe {kick.SameTokenSubscribe}.\n{outcome.Output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Kicked_student_rejoins_with_a_token_minted_after_the_kick()
    {
        var outcome = await OutcomeAsync();
        var kick = outcome.Result.Kick;

        Assert.True(kick.FreshSubscribe.Subscribed && kick.FreshPublish?.Ok == true, $"with a fresh token: subscribe {kick.FreshSubscribe}, publish {kick.FreshPublish}.\n{outcome.Output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Ending_the_class_disconnects_every_member_for_good_the_teacher_included()
    {
        var outcome = await OutcomeAsync();
        var end = outcome.Result.End;

        Assert.True(end.End.Ok, $"classroom.end (classroom taken from the token) answered {end.End}.\n{outcome.Output}");
        Assert.True(end.EndError is null, $"{end.EndError}.\n{outcome.Output}");
        Assert.Equal(3, end.Members.Count);
        foreach (var member in end.Members)
        {
            AssertClosedForGood(member, "class ended", outcome);
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task Ending_a_class_leaves_other_classrooms_connected()
    {
        var outcome = await OutcomeAsync();

        foreach (var bystander in outcome.Result.End.Bystanders)
        {
            Assert.True(
                bystander.State == "connected" && bystander.ClientIds.Count == 1,
                $"{bystander.Label} of another classroom was affected: {bystander}.\n{outcome.Output}");
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task Registry_forgets_the_connections_of_an_ended_class()
    {
        var outcome = await OutcomeAsync();

        Assert.True(outcome.EndedClassroomAfter.Count == 0, $"left in the registry after the end: {outcome.EndedClassroomAfter.Describe()}.\n{outcome.Output}");
    }

    private async Task<TeacherControlsOutcome> OutcomeAsync() =>
        await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

    private static void AssertRefused(CallOutcome call, int code, string what, TeacherControlsOutcome outcome) =>
        Assert.True(!call.Ok && call.Code == code, $"{what} was answered {call}, not error {code}.\n{outcome.Output}");

    private static void AssertClosedForGood(ClientState client, string reason, TeacherControlsOutcome outcome)
    {
        Assert.True(
            client.State == "disconnected" && client.Disconnects.Count > 0 && client.Disconnects[0].Code == ForceNoReconnect && client.Disconnects[0].Reason == reason,
            $"{client.Label} was not disconnected with {ForceNoReconnect} \"{reason}\": {client}.\n{outcome.Output}");
        Assert.True(client.ClientIds.Count == 1, $"{client.Label} reconnected after a terminal disconnect: {client}.\n{outcome.Output}");
    }
}
