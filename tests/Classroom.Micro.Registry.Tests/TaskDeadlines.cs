using Xunit;

namespace Classroom.Micro.Registry.Tests;

/// <summary>Every await in these tests is bounded, and ends early when the test run is cancelled.</summary>
internal static class TaskDeadlines
{
    public static Task Within(this Task task) =>
        task.WaitAsync(TestRegistry.TestTimeout, TestContext.Current.CancellationToken);

    public static Task<T> Within<T>(this Task<T> task) =>
        task.WaitAsync(TestRegistry.TestTimeout, TestContext.Current.CancellationToken);
}
