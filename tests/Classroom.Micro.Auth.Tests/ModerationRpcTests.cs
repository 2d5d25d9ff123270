using Classroom.Micro.Auth.Tests.Support;
using Classroom.Micro.Auth.V1;
using Classroom.Micro.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit;

namespace Classroom.Micro.Auth.Tests;

/// <summary>
/// <c>Moderate</c> and what it does to later <c>AuthorizeChannel</c> answers, through gRPC against a real Redis.
/// Each test uses its own classroom id, so they share one service.
/// </summary>
public sealed class ModerationRpcTests(AuthServiceFactory factory) : IClassFixture<AuthServiceFactory>, IDisposable
{
    private readonly GrpcChannel _channel = factory.CreateGrpcChannel();
    private readonly string _classroom = "c" + Guid.NewGuid().ToString("N")[..10];

    private AuthService.AuthServiceClient Client => new(_channel);

    private string Channel => "classroom:" + _classroom;

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task Moderate_answers_with_the_classroom_channel()
    {
        var response = await ModerateAsync(Teacher(), ModerationAction.Mute, "s1");

        Assert.Equal(Channel, response.Channel);
    }

    [Fact]
    public async Task Muted_student_cannot_publish_until_unmuted_but_keeps_reading()
    {
        var student = Student("s1");

        await ModerateAsync(Teacher(), ModerationAction.Mute, "s1");
        var publishWhileMuted = await DecideAsync(student, ChannelAction.Publish);
        var subscribeWhileMuted = await DecideAsync(student, ChannelAction.Subscribe);
        var historyWhileMuted = await DecideAsync(student, ChannelAction.History);
        await ModerateAsync(Teacher(), ModerationAction.Unmute, "s1");
        var publishAfterUnmute = await DecideAsync(student, ChannelAction.Publish);

        Assert.Equal(ChannelDecision.Denied, publishWhileMuted);
        Assert.Equal(ChannelDecision.Allowed, subscribeWhileMuted);
        Assert.Equal(ChannelDecision.Allowed, historyWhileMuted);
        Assert.Equal(ChannelDecision.Allowed, publishAfterUnmute);
    }

    [Fact]
    public async Task Muting_one_student_leaves_the_others_alone()
    {
        await ModerateAsync(Teacher(), ModerationAction.Mute, "s1");

        Assert.Equal(ChannelDecision.Allowed, await DecideAsync(Student("s2"), ChannelAction.Publish));
    }

    [Fact]
    public async Task Kicked_student_cannot_come_back_with_a_token_issued_before_the_kick()
    {
        var issuedBefore = factory.Time.GetUtcNow().AddMinutes(-5).ToUnixTimeSeconds();

        await ModerateAsync(Teacher(), ModerationAction.Kick, "s1");

        Assert.Equal(ChannelDecision.Denied, await DecideAsync(Student("s1", issuedBefore), ChannelAction.Subscribe));
        Assert.Equal(ChannelDecision.Denied, await DecideAsync(Student("s1", issuedBefore), ChannelAction.Publish));
    }

    [Fact]
    public async Task Token_issued_in_the_second_of_the_kick_counts_as_before_it()
    {
        var sameSecond = factory.Time.GetUtcNow().ToUnixTimeSeconds();

        await ModerateAsync(Teacher(), ModerationAction.Kick, "s1");

        Assert.Equal(ChannelDecision.Denied, await DecideAsync(Student("s1", sameSecond), ChannelAction.Subscribe));
    }

    [Fact]
    public async Task Kicked_student_comes_back_with_a_token_issued_after_the_kick()
    {
        await ModerateAsync(Teacher(), ModerationAction.Kick, "s1");
        var issuedAfter = factory.Time.GetUtcNow().AddSeconds(1).ToUnixTimeSeconds();

        Assert.Equal(ChannelDecision.Allowed, await DecideAsync(Student("s1", issuedAfter), ChannelAction.Subscribe));
        Assert.Equal(ChannelDecision.Allowed, await DecideAsync(Student("s1", issuedAfter), ChannelAction.Publish));
    }

    [Fact]
    public async Task Ending_the_class_records_nothing_that_keeps_members_out()
    {
        var issuedBefore = factory.Time.GetUtcNow().AddMinutes(-5).ToUnixTimeSeconds();

        var response = await ModerateAsync(Teacher(), ModerationAction.End, target: "");

        Assert.Equal(Channel, response.Channel);
        Assert.Equal(ChannelDecision.Allowed, await DecideAsync(Student("s1", issuedBefore), ChannelAction.Subscribe));
        Assert.Equal(ChannelDecision.Allowed, await DecideAsync(Student("s1", issuedBefore), ChannelAction.Publish));
    }

    [Fact]
    public async Task Moderation_of_one_classroom_does_not_reach_another()
    {
        var other = "o" + Guid.NewGuid().ToString("N")[..10];
        var student = Student("s1");
        student.Classrooms.Add(other);

        await ModerateAsync(Teacher(), ModerationAction.Mute, "s1");
        await ModerateAsync(Teacher(), ModerationAction.Kick, "s1");
        var decision = await Client.AuthorizeChannelAsync(
            new AuthorizeChannelRequest { Principal = student, Channel = "classroom:" + other, Action = ChannelAction.Publish },
            cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();

        Assert.Equal(ChannelDecision.Allowed, decision.Decision);
    }

    [Fact]
    public async Task Student_cannot_moderate()
    {
        var student = Student("s2");

        var failure = await Assert.ThrowsAsync<RpcException>(() => ModerateAsync(student, ModerationAction.Kick, "s1"));

        Assert.Equal(StatusCode.PermissionDenied, failure.StatusCode);
        Assert.Equal(ChannelDecision.Allowed, await DecideAsync(Student("s1"), ChannelAction.Subscribe));
    }

    [Fact]
    public async Task Teacher_of_another_classroom_cannot_moderate_this_one()
    {
        var outsider = new Principal { UserId = "t2", Role = "teacher", Classrooms = { "elsewhere" } };

        var failure = await Assert.ThrowsAsync<RpcException>(() => ModerateAsync(outsider, ModerationAction.Mute, "s1"));

        Assert.Equal(StatusCode.PermissionDenied, failure.StatusCode);
        Assert.Equal(ChannelDecision.Allowed, await DecideAsync(Student("s1"), ChannelAction.Publish));
    }

    public static TheoryData<string, string> BadModerateRequests => new()
    {
        { "no-actor", "actor" },
        { "no-actor-user", "actor.user_id" },
        { "no-classroom", "classroom_id" },
        { "bad-classroom", "classroom_id" },
        { "no-action", "action" },
        { "no-target", "target_user_id" },
        { "self-target", "target_user_id" },
    };

    [Theory]
    [MemberData(nameof(BadModerateRequests))]
    public async Task Incomplete_moderate_request_fails_with_invalid_argument_naming_the_field(string defect, string field)
    {
        var request = new ModerateRequest { Actor = Teacher(), ClassroomId = _classroom, Action = ModerationAction.Kick, TargetUserId = "s1" };
        switch (defect)
        {
            case "no-actor":
                request.Actor = null;
                break;
            case "no-actor-user":
                request.Actor.UserId = "";
                break;
            case "no-classroom":
                request.ClassroomId = "";
                break;
            case "bad-classroom":
                request.ClassroomId = "a b";
                break;
            case "no-action":
                request.Action = ModerationAction.Unspecified;
                break;
            case "no-target":
                request.TargetUserId = "";
                break;
            case "self-target":
                request.TargetUserId = request.Actor.UserId;
                break;
        }

        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            Client.ModerateAsync(request, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.StartsWith(field, failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teacher_writes_to_a_personal_channel_only_while_its_owner_is_subscribed_to_one_of_their_classrooms()
    {
        var owner = "p" + Guid.NewGuid().ToString("N")[..10];
        var teacher = Teacher();
        teacher.Classrooms.Add("other-class");
        var request = new AuthorizeChannelRequest { Principal = teacher, Channel = "personal:#" + owner, Action = ChannelAction.Publish };

        var beforeClass = await Client.AuthorizeChannelAsync(request, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();
        factory.Registry.Subscribe(owner, Channel);
        var inClass = await Client.AuthorizeChannelAsync(request, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();
        factory.Registry.Unsubscribe(owner, Channel);
        var afterClass = await Client.AuthorizeChannelAsync(request, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();

        Assert.Equal(ChannelDecision.Denied, beforeClass.Decision);
        Assert.Equal(ChannelDecision.Allowed, inClass.Decision);
        Assert.Equal(ChannelDecision.Denied, afterClass.Decision);
        Assert.Contains("classroom:other-class", factory.Registry.Asked);
    }

    [Fact]
    public async Task Student_cannot_write_to_a_personal_channel_even_of_a_classmate_in_class()
    {
        var owner = "p" + Guid.NewGuid().ToString("N")[..10];
        factory.Registry.Subscribe(owner, Channel);

        var decision = await Client.AuthorizeChannelAsync(
            new AuthorizeChannelRequest { Principal = Student("s1"), Channel = "personal:#" + owner, Action = ChannelAction.Publish },
            cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();

        Assert.Equal(ChannelDecision.Denied, decision.Decision);
    }

    private Principal Teacher() => new() { UserId = "t1", Name = "Tess", Role = "teacher", Classrooms = { _classroom } };

    /// <summary>A student of the test's classroom whose token was issued now (on the fake clock), unless told otherwise.</summary>
    private Principal Student(string userId, long? issuedAtUnix = null) => new()
    {
        UserId = userId,
        Role = "student",
        Classrooms = { _classroom },
        IssuedAtUnix = issuedAtUnix ?? factory.Time.GetUtcNow().ToUnixTimeSeconds(),
    };

    private Task<ModerateResponse> ModerateAsync(Principal actor, ModerationAction action, string target) =>
        Client.ModerateAsync(
            new ModerateRequest { Actor = actor, ClassroomId = _classroom, Action = action, TargetUserId = target },
            cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();

    private async Task<ChannelDecision> DecideAsync(Principal principal, ChannelAction action)
    {
        var response = await Client.AuthorizeChannelAsync(
            new AuthorizeChannelRequest { Principal = principal, Channel = Channel, Action = action },
            cancellationToken: TestContext.Current.CancellationToken).ResponseAsync.WithTimeout();
        return response.Decision;
    }
}
