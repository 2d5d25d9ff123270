using Classroom.Micro.EndToEnd.Tests.Hosting;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Classroom;

/// <summary>
/// <c>personal:#&lt;user&gt;</c>: only its owner subscribes; only a teacher of a classroom the owner is in writes to it
/// (see <c>tests/e2e/personal-channels.mjs</c>).
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class PersonalChannelTests(ClusterFixture fixture, PersonalChannelRun run) : IClassFixture<PersonalChannelRun>
{
    private const int Timeout = 150_000;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [Fact(Timeout = Timeout)]
    public async Task Another_student_cannot_subscribe_to_a_personal_channel()
    {
        var (result, output) = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        Assert.True(result.ClassmateSubscribes is { Subscribed: false, Code: 103 }, $"a classmate subscribing to {result.Channel}: {result.ClassmateSubscribes}.\n{output}");
        Assert.True(result.ClassmatePushesOnPersonal == 0, $"the classmate was sent {result.ClassmatePushesOnPersonal} pushes of {result.Channel}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Students_cannot_publish_to_personal_channels_not_even_their_own()
    {
        var (result, output) = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        Assert.True(result.ClassmatePublishes is { Ok: false, Code: 103 }, $"a classmate's publish: {result.ClassmatePublishes}.\n{output}");
        Assert.True(result.OwnerPublishes is { Ok: false, Code: 103 }, $"the owner's publish: {result.OwnerPublishes}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Owner_receives_what_a_teacher_of_their_classroom_sends_to_their_personal_channel()
    {
        var (result, output) = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        Assert.True(result.TeacherPublishes.Ok, $"the teacher's publish: {result.TeacherPublishes}.\n{output}");
        Assert.True(result.DeliveryError is null, $"{result.DeliveryError}.\n{output}");
        var received = Assert.Single(result.Received);
        Assert.Equal("see me after class", received.Data.GetProperty("note").GetString());
        Assert.Equal(result.Users["teacher"], received.User);
    }

    [Fact(Timeout = Timeout)]
    public async Task Teacher_of_another_classroom_cannot_write_to_a_students_personal_channel()
    {
        var (result, output) = await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

        Assert.True(result.OtherTeacherPublishes is { Ok: false, Code: 103 }, $"the other teacher's publish: {result.OtherTeacherPublishes}.\n{output}");
    }
}
