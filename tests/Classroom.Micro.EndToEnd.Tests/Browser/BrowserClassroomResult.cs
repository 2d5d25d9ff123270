using System.Text.Json;

namespace Classroom.Micro.EndToEnd.Tests.Browser;

/// <summary>
/// The result line of <c>browser-classroom.mjs</c>: one entry per step (<c>ok</c>, <c>error</c> and what the step
/// saw), the publications each page had to fetch again because they never arrived live (<c>Repairs</c>, by member),
/// script errors the pages raised, console errors, and the screenshots written.
/// </summary>
internal sealed record BrowserClassroomResult(
    string Classroom,
    IReadOnlyDictionary<string, JsonElement> Steps,
    IReadOnlyDictionary<string, JsonElement> Repairs,
    IReadOnlyList<JsonElement> PageErrors,
    IReadOnlyList<JsonElement> ConsoleErrors,
    IReadOnlyList<string> Screenshots);
