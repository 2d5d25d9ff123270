using Classroom.Micro.Testing;

namespace Classroom.Micro.Auth.Tests.Support;

internal static class TestClock
{
    /// <summary>Where every fake clock starts; far from the real date so a test that reads the system clock fails.</summary>
    public static readonly DateTimeOffset Start = new(2031, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The bound on every await in these tests.</summary>
    public static readonly TimeSpan Timeout = TaskTimeouts.Default;
}
