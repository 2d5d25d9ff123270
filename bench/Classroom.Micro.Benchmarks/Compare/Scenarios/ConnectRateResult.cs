using Classroom.Micro.Benchmarks.Measurement;

namespace Classroom.Micro.Benchmarks.Compare.Scenarios;

/// <summary>Members arriving open loop at a set rate, each connecting and joining its classroom.</summary>
/// <param name="ArrivalsPerSecond">The rate members arrived at.</param>
/// <param name="Arrivals">Members that arrived.</param>
/// <param name="Joined">Members that connected and joined.</param>
/// <param name="JoinFailures">Members that could not.</param>
/// <param name="FirstFailure">The first failure's message, if any.</param>
/// <param name="AchievedJoinsPerSecond">Joins completed per second, from the first arrival to the last join.</param>
/// <param name="JoinLatency">From arriving (opening the socket) to the join's acknowledgement.</param>
internal sealed record ConnectRateResult(double ArrivalsPerSecond, int Arrivals, int Joined, int JoinFailures, string? FirstFailure, double AchievedJoinsPerSecond, LatencySummary JoinLatency);
