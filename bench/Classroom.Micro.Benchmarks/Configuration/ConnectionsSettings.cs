namespace Classroom.Micro.Benchmarks.Configuration;

/// <summary>The connections scenario: idle members connecting and subscribing.</summary>
/// <param name="Connections">Members to connect (<c>--connections</c>).</param>
/// <param name="ClassroomSize">Members per classroom (<c>--classroom-size</c>).</param>
/// <param name="Concurrency">Joins in flight at a time (<c>--connect-concurrency</c>).</param>
/// <param name="SettleSeconds">How long the idle connections are held before memory is sampled again (<c>--settle-seconds</c>).</param>
internal sealed record ConnectionsSettings(int Connections = 2000, int ClassroomSize = 30, int Concurrency = 32, double SettleSeconds = 5);
