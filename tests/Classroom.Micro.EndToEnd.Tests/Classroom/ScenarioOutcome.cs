namespace Classroom.Micro.EndToEnd.Tests.Classroom;

/// <summary>A scenario's result line, with its output for assertion messages.</summary>
internal sealed record ScenarioOutcome<TResult>(TResult Result, string Output);
