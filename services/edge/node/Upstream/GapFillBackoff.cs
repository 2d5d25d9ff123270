namespace Classroom.Micro.Edge.Upstream;

/// <summary>
/// How long a hub waits before filling a gap again: the configured delay for the first try, doubled for each read
/// that failed in a row (a replica down, Redis failing over), up to 32 times the delay, with up to a quarter of jitter
/// so the hubs of many channels do not retry in step.
/// </summary>
internal static class GapFillBackoff
{
    private const int MaxDoublings = 5;

    public static TimeSpan Delay(TimeSpan baseDelay, int failuresInARow)
    {
        if (failuresInARow <= 0)
        {
            return baseDelay;
        }

        var backedOff = baseDelay * (1 << Math.Min(failuresInARow, MaxDoublings));
        return backedOff + (backedOff * (Random.Shared.NextDouble() / 4));
    }
}
