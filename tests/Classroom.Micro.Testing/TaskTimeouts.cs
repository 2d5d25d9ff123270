using Xunit;

namespace Classroom.Micro.Testing;

/// <summary>Every await in a test is bounded, and ends early when the test run is cancelled.</summary>
public static class TaskTimeouts
{
    /// <summary>The bound on an await in a test: long enough for a loaded machine, short enough to fail a hang.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);

    /// <summary>Bounds <paramref name="task"/> by <paramref name="timeout"/> (<see cref="Default"/> when null) and the test's cancellation.</summary>
    public static Task<T> WithTimeout<T>(this Task<T> task, TimeSpan? timeout = null) =>
        task.WaitAsync(timeout ?? Default, TestContext.Current.CancellationToken);

    /// <inheritdoc cref="WithTimeout{T}(Task{T}, TimeSpan?)"/>
    public static Task WithTimeout(this Task task, TimeSpan? timeout = null) =>
        task.WaitAsync(timeout ?? Default, TestContext.Current.CancellationToken);
}
