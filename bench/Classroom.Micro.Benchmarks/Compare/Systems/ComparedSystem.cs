using Classroom.Micro.Benchmarks.Compare.Clients;
using Classroom.Micro.Benchmarks.Target;
using StackExchange.Redis;

namespace Classroom.Micro.Benchmarks.Compare.Systems;

/// <summary>
/// One system of the side-by-side comparison: its server processes (and the redis-server they share), and how a
/// member of a classroom connects to it in its own protocol. Two real implementations per protocol family and a
/// process boundary, hence an abstract class.
/// </summary>
internal abstract class ComparedSystem
{
    /// <summary>The column heading, e.g. <c>ours (edges)</c> or <c>SignalR</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One line for the report: what runs, which versions.</summary>
    public abstract string Description { get; }

    /// <summary>Every process that serves this system, its redis-server included: CPU and memory are summed over them.</summary>
    public abstract IReadOnlyList<MonitoredService> Servers { get; }

    /// <summary>The redis-server the system's processes share, for <c>INFO commandstats</c>.</summary>
    public abstract IConnectionMultiplexer Redis { get; }

    /// <summary>Whatever must exist before members of <paramref name="classrooms"/> join (tokens), done before any timing.</summary>
    public virtual Task PrepareAsync(IReadOnlyCollection<string> classrooms, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A client for member <paramref name="member"/> of <paramref name="classroom"/> (member 0 is the teacher), not yet connected.</summary>
    public abstract StrokeClient CreateClient(string classroom, int member, StrokeDelivery onStroke);

    /// <summary>The last output of the system's processes, for failure messages.</summary>
    public abstract string OutputTails();

    /// <summary>Server processes that ended while they should have been serving, with their exit code and last output.</summary>
    public virtual IReadOnlyList<string> ExitedProcesses() => [];
}
