using System.Text.Json;
using Classroom.Micro.EndToEnd.Tests.Hosting;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Browser;

/// <summary>
/// The classroom web app the gateway serves at <c>/</c>, in Debian's Chromium: a teacher and two students in separate
/// browser contexts, later a third student (see <c>tests/e2e/browser-classroom.mjs</c>). Boards are compared by the
/// reducer's digest, by a fixed-size rendering of the board state and by the pixels of the visible canvases.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class BrowserClassroomTests(ClusterFixture fixture, BrowserClassroomRun run) : IClassFixture<BrowserClassroomRun>
{
    private const int Timeout = 360_000;
    private const string Background = "#ffffff";

    private static readonly TimeSpan RunTimeout = BrowserClassroomRun.ScenarioTimeout + TimeSpan.FromMinutes(1);

    [Fact(Timeout = Timeout)]
    public async Task People_enter_through_the_dev_sign_in_page_or_a_token_link()
    {
        var outcome = await RunAsync();
        var join = outcome.Step("join");

        Assert.True(join.GetProperty("devSignInShown").GetBoolean(), $"the development sign-in form was not offered.\n{outcome.Describe("join")}");
        Assert.False(join.GetProperty("tokenLeftInUrl").GetBoolean(), $"the token stayed in the address bar.\n{outcome.Describe("join")}");
        var roles = join.GetProperty("me").EnumerateArray().Select(me => (Name: me.GetProperty("name").GetString(), Role: me.GetProperty("role").GetString())).ToList();
        Assert.Equal([("Ada", "teacher"), ("Ben", "student"), ("Cleo", "student")], roles);
    }

    [Fact(Timeout = Timeout)]
    public async Task Participant_list_shows_everyone_online_with_their_role()
    {
        var outcome = await RunAsync();
        var lists = outcome.Step("participants").GetProperty("lists");

        foreach (var list in lists.EnumerateObject())
        {
            var people = list.Value.EnumerateArray()
                .Select(person => (Name: person.GetProperty("name").GetString(), Role: person.GetProperty("role").GetString(), Online: person.GetProperty("online").GetBoolean()))
                .OrderBy(person => person.Name, StringComparer.Ordinal)
                .ToList();
            Assert.True(
                people.SequenceEqual([("Ada", "teacher", true), ("Ben", "student", true), ("Cleo", "student", true)]),
                $"{list.Name} lists {string.Join(", ", people)}.\n{outcome.Describe("participants")}");
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task A_stroke_the_teacher_draws_appears_on_both_students_canvases()
    {
        var outcome = await RunAsync();
        var step = outcome.Step("firstStroke");
        var seen = step.GetProperty("seen");
        var teacher = seen.GetProperty("teacher");
        var expectedColour = step.GetProperty("expectedColour").GetString();

        Assert.True(teacher.GetProperty("strokeIds").GetArrayLength() == 1, $"the teacher's board does not hold exactly the one stroke.\n{outcome.Describe("firstStroke")}");
        Assert.True(teacher.GetProperty("ink").GetInt32() > 500, $"the teacher's canvas shows almost no ink.\n{outcome.Describe("firstStroke")}");
        foreach (var student in new[] { "student1", "student2" })
        {
            var view = seen.GetProperty(student);
            AssertSameBoard(teacher, view, student, outcome.Describe("firstStroke"));
            Assert.True(view.GetProperty("colourOnStroke").GetString() == expectedColour, $"{student}'s canvas is not {expectedColour} on the stroke.\n{outcome.Describe("firstStroke")}");
            Assert.True(view.GetProperty("colourOffStroke").GetString() == Background, $"{student}'s canvas is not blank away from the stroke.\n{outcome.Describe("firstStroke")}");
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task Chat_messages_reach_everyone_under_the_senders_name()
    {
        var outcome = await RunAsync();
        var seen = outcome.Step("chat").GetProperty("seen");

        foreach (var member in seen.EnumerateObject())
        {
            var messages = member.Value.EnumerateArray()
                .Select(message => (Sender: message.GetProperty("sender").GetString(), Teacher: message.GetProperty("teacher").GetBoolean(), Text: message.GetProperty("text").GetString()))
                .ToList();
            Assert.True(
                messages.SequenceEqual([("Ben", false, "Hello from Ben"), ("Ada", true, "Welcome, Ben")]),
                $"{member.Name} shows {string.Join(", ", messages)}.\n{outcome.Describe("chat")}");
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task A_student_whose_network_drops_recovers_the_strokes_drawn_meanwhile()
    {
        var outcome = await RunAsync();
        var step = outcome.Step("offline");
        var describe = outcome.Describe("offline");

        Assert.True(step.GetProperty("statusWhileOffline").GetString() == "reconnecting", $"the student's indicator did not say reconnecting while offline.\n{describe}");
        Assert.True(step.GetProperty("strokesWhileOffline").GetInt32() == 1, $"the offline student received strokes (the network cut did not hold).\n{describe}");
        var resubscribed = step.GetProperty("resubscribed");
        Assert.True(resubscribed.ValueKind == JsonValueKind.Object && resubscribed.GetProperty("wasRecovering").GetBoolean(), $"the student did not resubscribe with recovery.\n{describe}");
        Assert.True(resubscribed.GetProperty("recovered").GetBoolean(), $"the server did not recover the missed publications.\n{describe}");
        Assert.True(step.GetProperty("teacher").GetProperty("strokeIds").GetArrayLength() == 3, $"the teacher's board does not hold three strokes.\n{describe}");
        AssertSameBoard(step.GetProperty("teacher"), step.GetProperty("student2"), "student2", describe);
    }

    [Fact(Timeout = Timeout)]
    public async Task A_late_student_sees_the_whole_board_and_the_chat_so_far()
    {
        var outcome = await RunAsync();
        var step = outcome.Step("lateJoiner");

        Assert.True(step.GetProperty("teacher").GetProperty("strokeIds").GetArrayLength() == 3, $"the teacher's board does not hold three strokes.\n{outcome.Describe("lateJoiner")}");
        AssertSameBoard(step.GetProperty("teacher"), step.GetProperty("late"), "the late student", outcome.Describe("lateJoiner"));
        Assert.True(step.GetProperty("lateChat").GetArrayLength() == 2, $"the late student does not see the two chat messages.\n{outcome.Describe("lateJoiner")}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Undo_takes_the_teachers_last_stroke_off_every_board()
    {
        var outcome = await RunAsync();
        var step = outcome.Step("undo");

        Assert.True(
            step.GetProperty("after").GetString() == step.GetProperty("before").GetString() && step.GetProperty("withStroke").GetString() != step.GetProperty("before").GetString(),
            $"undo did not bring the board back to where it was before the stroke.\n{outcome.Describe("undo")}");
    }

    [Fact(Timeout = Timeout)]
    public async Task A_student_cannot_clear_the_board_even_with_a_forged_publication()
    {
        var outcome = await RunAsync();
        var step = outcome.Step("forgedClear");
        var describe = outcome.Describe("forgedClear");

        Assert.True(step.GetProperty("clearVisible").GetProperty("teacher").GetBoolean(), $"the teacher has no clear button.\n{describe}");
        Assert.False(step.GetProperty("clearVisible").GetProperty("student1").GetBoolean(), $"a student is shown the clear button.\n{describe}");
        var strokesBefore = step.GetProperty("strokesBefore").GetInt32();
        Assert.True(strokesBefore > 0, $"there was nothing on the board to clear.\n{describe}");
        // The server may accept the publication (members may publish); what counts is that no board obeys it.
        if (step.GetProperty("published").GetProperty("ok").GetBoolean())
        {
            var after = step.GetProperty("after").EnumerateObject().ToList();
            Assert.Equal(4, after.Count);
            foreach (var member in after)
            {
                Assert.True(member.Value.GetProperty("strokeIds").GetArrayLength() == strokesBefore, $"{member.Name}'s board obeyed a student's clear.\n{describe}");
                Assert.True(member.Value.GetProperty("ink").GetInt32() > 0, $"{member.Name}'s canvas is blank after a student's clear.\n{describe}");
            }
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task The_teachers_clear_empties_every_board()
    {
        var outcome = await RunAsync();
        var after = outcome.Step("teacherClear").GetProperty("after").EnumerateObject().ToList();

        Assert.Equal(4, after.Count);
        foreach (var member in after)
        {
            Assert.True(
                member.Value.GetProperty("strokeIds").GetArrayLength() == 0 && member.Value.GetProperty("ink").GetInt32() == 0,
                $"{member.Name}'s board is not empty after the teacher's clear.\n{outcome.Describe("teacherClear")}");
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task Teacher_controls_answer_the_teacher_and_are_not_shown_to_students()
    {
        var outcome = await RunAsync();
        var step = outcome.Step("endClass");

        Assert.False(step.GetProperty("studentSeesControls").GetBoolean(), $"a student is shown the end-class control.\n{outcome.Describe("endClass")}");
        Assert.False(string.IsNullOrWhiteSpace(step.GetProperty("message").GetString()), $"ending the class told the teacher nothing.\n{outcome.Describe("endClass")}");
    }

    [Fact(Timeout = Timeout)]
    public async Task The_layout_fits_a_tablet_and_the_views_are_saved_as_screenshots()
    {
        var outcome = await RunAsync();
        var tablet = outcome.Step("screenshots").GetProperty("tablet");

        Assert.True(tablet.GetProperty("pageWidth").GetInt32() <= 768, $"the page scrolls sideways at 768 px.\n{outcome.Describe("screenshots")}");
        foreach (var name in new[] { "teacher.png", "student.png", "student-tablet.png" })
        {
            var path = Path.Combine(BrowserClassroomRun.ScreenshotFolder, name);
            Assert.True(File.Exists(path) && new FileInfo(path).Length > 10_000, $"no screenshot at {path}.\n{outcome.Output}");
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task The_pages_raise_no_script_errors()
    {
        var outcome = await RunAsync();

        Assert.True(outcome.Result.PageErrors.Count == 0, $"script errors: {string.Join("; ", outcome.Result.PageErrors)}\n{outcome.Output}");
    }

    private async Task<BrowserClassroomOutcome> RunAsync() =>
        await run.GetAsync(fixture.Cluster).WaitAsync(RunTimeout, TestContext.Current.CancellationToken);

    /// <summary>Same strokes (reducer digest), same picture of the board state, same ink on the visible canvas.</summary>
    private static void AssertSameBoard(JsonElement expected, JsonElement actual, string who, string describe)
    {
        Assert.True(actual.GetProperty("digest").GetString() == expected.GetProperty("digest").GetString(), $"{who}'s strokes differ from the teacher's.\n{describe}");
        Assert.True(
            actual.GetProperty("snapshot").GetProperty("hash").GetString() == expected.GetProperty("snapshot").GetProperty("hash").GetString(),
            $"{who}'s board renders differently from the teacher's.\n{describe}");
        Assert.True(actual.GetProperty("ink").GetInt32() == expected.GetProperty("ink").GetInt32(), $"{who}'s canvas shows other pixels than the teacher's.\n{describe}");
    }
}
