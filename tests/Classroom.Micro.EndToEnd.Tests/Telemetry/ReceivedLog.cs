namespace Classroom.Micro.EndToEnd.Tests.Telemetry;

/// <summary>One exported log record: who wrote it and every string it carries (message, attributes, scopes).</summary>
internal sealed record ReceivedLog(string Service, string Instance, string Text);
