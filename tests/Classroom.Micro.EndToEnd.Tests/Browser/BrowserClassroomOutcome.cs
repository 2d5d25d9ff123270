using System.Text.Json;

namespace Classroom.Micro.EndToEnd.Tests.Browser;

/// <summary>One run of the browser scenario, with its output for assertion messages.</summary>
internal sealed record BrowserClassroomOutcome(BrowserClassroomResult Result, string Output)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The observations of step <paramref name="name"/>; fails the test, quoting the step, when it did not succeed.</summary>
    public JsonElement Step(string name)
    {
        if (!Result.Steps.TryGetValue(name, out var step))
        {
            throw new Xunit.Sdk.XunitException($"the scenario reported no step '{name}'.\n{Output}");
        }

        if (!step.GetProperty("ok").GetBoolean())
        {
            throw new Xunit.Sdk.XunitException($"step '{name}' failed: {step.GetProperty("error").GetString()}\n{Describe(name)}");
        }

        return step;
    }

    /// <summary>The step's observations and the scenario's output, for assertion messages.</summary>
    public string Describe(string name) =>
        $"step '{name}': {(Result.Steps.TryGetValue(name, out var step) ? JsonSerializer.Serialize(step, Indented) : "(missing)")}\nscenario output:\n{Output}";
}
