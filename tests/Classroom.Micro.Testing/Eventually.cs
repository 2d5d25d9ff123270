using System.Diagnostics;

namespace Classroom.Micro.Testing;

/// <summary>Polls a condition until it holds or a timeout passes: the replacement for sleeping in tests.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every <paramref name="interval"/> until true; throws <see cref="TimeoutException"/> naming <paramref name="what"/>.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Condition did not hold within {timeout}: {what}");
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>Synchronous-condition overload of <see cref="HoldsAsync(Func{Task{bool}}, TimeSpan, string, TimeSpan?)"/>.</summary>
    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, string what, TimeSpan? interval = null) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, what, interval);
}
