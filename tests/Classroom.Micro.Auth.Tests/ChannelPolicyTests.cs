using Classroom.Micro.Auth.Identity;
using Classroom.Micro.Auth.Moderation;
using Classroom.Micro.Auth.Permissions;
using Xunit;

namespace Classroom.Micro.Auth.Tests;

public sealed class ChannelPolicyTests
{
    private static readonly UserPrincipal Student = Principal("s1", UserRole.Student, "math", "42");
    private static readonly UserPrincipal Teacher = Principal("t1", UserRole.Teacher, "math");

    public static TheoryData<string> AllOperations => [.. Enum.GetNames<ChannelOperation>()];

    [Theory]
    [MemberData(nameof(AllOperations))]
    public void Member_may_do_everything_on_their_classroom_channel(string operation)
    {
        Assert.Equal(AccessDecision.Allowed, ChannelPolicy.Decide(Student, "classroom:math", Enum.Parse<ChannelOperation>(operation)));
        Assert.Equal(AccessDecision.Allowed, ChannelPolicy.Decide(Student, "classroom:42", Enum.Parse<ChannelOperation>(operation)));
    }

    [Theory]
    [MemberData(nameof(AllOperations))]
    public void Student_cannot_use_another_classroom(string operation)
    {
        Assert.Equal(AccessDecision.Denied, ChannelPolicy.Decide(Student, "classroom:physics", Enum.Parse<ChannelOperation>(operation)));
    }

    [Fact]
    public void Teacher_is_also_bound_to_their_own_classrooms()
    {
        Assert.Equal(AccessDecision.Allowed, ChannelPolicy.Decide(Teacher, "classroom:math", ChannelOperation.Publish));
        Assert.Equal(AccessDecision.Denied, ChannelPolicy.Decide(Teacher, "classroom:42", ChannelOperation.Publish));
    }

    [Fact]
    public void Classroom_membership_is_case_sensitive()
    {
        Assert.Equal(AccessDecision.Denied, ChannelPolicy.Decide(Student, "classroom:MATH", ChannelOperation.Subscribe));
    }

    [Theory]
    [InlineData("classroom:")]
    [InlineData("classroom:has space")]
    [InlineData("classroom:a/b")]
    [InlineData("classroom:math:extra")]
    [InlineData("classroom:ééé")]
    public void Classroom_channel_with_an_invalid_id_is_unknown(string channel)
    {
        Assert.Equal(AccessDecision.UnknownChannel, ChannelPolicy.Decide(Student, channel, ChannelOperation.Subscribe));
    }

    [Fact]
    public void Classroom_id_may_be_64_characters_but_not_65()
    {
        var longest = Principal("s1", UserRole.Student, new string('a', 64));

        Assert.Equal(AccessDecision.Allowed, ChannelPolicy.Decide(longest, "classroom:" + new string('a', 64), ChannelOperation.Subscribe));
        Assert.Equal(AccessDecision.UnknownChannel, ChannelPolicy.Decide(longest, "classroom:" + new string('a', 65), ChannelOperation.Subscribe));
    }

    [Theory]
    [InlineData("news:general")]
    [InlineData("math")]
    [InlineData("Classroom:math")]
    [InlineData("personal:s1")]
    [InlineData("personal:#")]
    [InlineData("$classroom:math")]
    public void Channel_outside_the_known_namespaces_is_unknown(string channel)
    {
        Assert.Equal(AccessDecision.UnknownChannel, ChannelPolicy.Decide(Student, channel, ChannelOperation.Subscribe));
    }

    [Fact]
    public void Owner_may_subscribe_to_and_read_history_of_their_personal_channel()
    {
        Assert.Equal(AccessDecision.Allowed, ChannelPolicy.Decide(Student, "personal:#s1", ChannelOperation.Subscribe));
        Assert.Equal(AccessDecision.Allowed, ChannelPolicy.Decide(Student, "personal:#s1", ChannelOperation.History));
    }

    [Fact]
    public void Nobody_else_may_subscribe_to_or_read_a_personal_channel()
    {
        Assert.Equal(AccessDecision.Denied, ChannelPolicy.Decide(Student, "personal:#s2", ChannelOperation.Subscribe));
        Assert.Equal(AccessDecision.Denied, ChannelPolicy.Decide(Teacher, "personal:#s1", ChannelOperation.Subscribe));
        Assert.Equal(AccessDecision.Denied, ChannelPolicy.Decide(Teacher, "personal:#s1", ChannelOperation.History));
    }

    [Fact]
    public void Teacher_may_publish_to_a_personal_channel_and_a_student_may_not()
    {
        Assert.Equal(AccessDecision.Allowed, ChannelPolicy.Decide(Teacher, "personal:#s1", ChannelOperation.Publish));
        Assert.Equal(AccessDecision.Denied, ChannelPolicy.Decide(Student, "personal:#s2", ChannelOperation.Publish));
        Assert.Equal(AccessDecision.Denied, ChannelPolicy.Decide(Student, "personal:#s1", ChannelOperation.Publish));
    }

    [Fact]
    public void Presence_of_a_personal_channel_is_denied_even_to_its_owner()
    {
        Assert.Equal(AccessDecision.Denied, ChannelPolicy.Decide(Student, "personal:#s1", ChannelOperation.Presence));
        Assert.Equal(AccessDecision.Denied, ChannelPolicy.Decide(Teacher, "personal:#s1", ChannelOperation.Presence));
    }

    [Fact]
    public void Muted_member_may_do_everything_but_publish()
    {
        var muted = new ClassroomStanding(Muted: true, KickedAtUnix: null);

        Assert.Equal(AccessDecision.Denied, ChannelPolicy.WithStanding(AccessDecision.Allowed, Student, ChannelOperation.Publish, muted));
        Assert.Equal(AccessDecision.Allowed, ChannelPolicy.WithStanding(AccessDecision.Allowed, Student, ChannelOperation.Subscribe, muted));
        Assert.Equal(AccessDecision.Allowed, ChannelPolicy.WithStanding(AccessDecision.Allowed, Student, ChannelOperation.History, muted));
        Assert.Equal(AccessDecision.Allowed, ChannelPolicy.WithStanding(AccessDecision.Allowed, Student, ChannelOperation.Presence, muted));
    }

    [Theory]
    [MemberData(nameof(AllOperations))]
    public void Kicked_member_is_shut_out_with_a_token_issued_up_to_the_kick(string operation)
    {
        var kicked = new ClassroomStanding(Muted: false, KickedAtUnix: 1_000);
        var op = Enum.Parse<ChannelOperation>(operation);

        Assert.Equal(AccessDecision.Denied, ChannelPolicy.WithStanding(AccessDecision.Allowed, IssuedAt(999), op, kicked));
        Assert.Equal(AccessDecision.Denied, ChannelPolicy.WithStanding(AccessDecision.Allowed, IssuedAt(1_000), op, kicked));
        Assert.Equal(AccessDecision.Denied, ChannelPolicy.WithStanding(AccessDecision.Allowed, IssuedAt(0), op, kicked));
        Assert.Equal(AccessDecision.Allowed, ChannelPolicy.WithStanding(AccessDecision.Allowed, IssuedAt(1_001), op, kicked));
    }

    [Fact]
    public void Standing_never_turns_a_refusal_into_an_allowance()
    {
        Assert.Equal(AccessDecision.Denied, ChannelPolicy.WithStanding(AccessDecision.Denied, Student, ChannelOperation.Subscribe, ClassroomStanding.Clear));
        Assert.Equal(AccessDecision.UnknownChannel, ChannelPolicy.WithStanding(AccessDecision.UnknownChannel, Student, ChannelOperation.Subscribe, ClassroomStanding.Clear));
    }

    [Fact]
    public void Teacher_writes_to_a_personal_channel_only_while_its_owner_attends_their_class()
    {
        Assert.True(ChannelPolicy.NeedsAttendance(AccessDecision.Allowed, "personal:#s1", ChannelOperation.Publish));
        Assert.False(ChannelPolicy.NeedsAttendance(AccessDecision.Allowed, "personal:#s1", ChannelOperation.Subscribe));
        Assert.False(ChannelPolicy.NeedsAttendance(AccessDecision.Denied, "personal:#s1", ChannelOperation.Publish));
        Assert.False(ChannelPolicy.NeedsAttendance(AccessDecision.Allowed, "classroom:math", ChannelOperation.Publish));
        Assert.Equal(AccessDecision.Allowed, ChannelPolicy.WithAttendance(AccessDecision.Allowed, ownerAttends: true));
        Assert.Equal(AccessDecision.Denied, ChannelPolicy.WithAttendance(AccessDecision.Allowed, ownerAttends: false));
        Assert.Equal(AccessDecision.Denied, ChannelPolicy.WithAttendance(AccessDecision.Denied, ownerAttends: true));
    }

    [Fact]
    public void Only_a_teacher_of_the_classroom_may_moderate_it()
    {
        Assert.True(ChannelPolicy.MayModerate(Teacher, "math"));
        Assert.False(ChannelPolicy.MayModerate(Teacher, "42"));
        Assert.False(ChannelPolicy.MayModerate(Student, "math"));
        Assert.False(ChannelPolicy.MayModerate(Teacher, "MATH"));
    }

    private static UserPrincipal IssuedAt(long issuedAtUnix) => Student with { IssuedAtUnix = issuedAtUnix };

    private static UserPrincipal Principal(string userId, UserRole role, params string[] classrooms) =>
        new(userId, userId, role, classrooms, "", [], 0, 0);
}
