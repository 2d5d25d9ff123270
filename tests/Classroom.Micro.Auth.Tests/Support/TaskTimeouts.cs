using Xunit;

namespace Classroom.Micro.Auth.Tests.Support;

internal static class TaskTimeouts
{
    /// <summary>Bounds an await by <see cref="TestClock.Timeout"/> and by the test's own cancellation.</summary>
    public static Task<T> WithTimeout<T>(this Task<T> task) => task.WaitAsync(TestClock.Timeout, TestContext.Current.CancellationToken);

    /// <inheritdoc cref="WithTimeout{T}(Task{T})"/>
    public static Task WithTimeout(this Task task) => task.WaitAsync(TestClock.Timeout, TestContext.Current.CancellationToken);
}
