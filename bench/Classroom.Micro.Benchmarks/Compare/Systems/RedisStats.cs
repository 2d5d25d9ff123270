using System.Globalization;
using StackExchange.Redis;

namespace Classroom.Micro.Benchmarks.Compare.Systems;

/// <summary>What a redis-server says about itself: its PID, and how many commands it has run (<c>INFO commandstats</c>).</summary>
internal static class RedisStats
{
    public static async Task<int> ProcessIdAsync(IConnectionMultiplexer redis)
    {
        var info = await Server(redis).InfoRawAsync("server");
        return (int)Field(info, "process_id");
    }

    /// <summary>Calls per command since the server started (or its stats were reset).</summary>
    public static async Task<Dictionary<string, long>> CommandCallsAsync(IConnectionMultiplexer redis)
    {
        var info = await Server(redis).InfoRawAsync("commandstats");
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in info?.Split('\n') ?? [])
        {
            // cmdstat_publish:calls=12,usec=34,usec_per_call=2.83,...
            if (!line.StartsWith("cmdstat_", StringComparison.Ordinal))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var start = line.IndexOf("calls=", StringComparison.Ordinal) + "calls=".Length;
            var end = line.IndexOf(',', start);
            calls[line["cmdstat_".Length..colon]] = long.Parse(line[start..end], CultureInfo.InvariantCulture);
        }

        return calls;
    }

    private static IServer Server(IConnectionMultiplexer redis) => redis.GetServers()[0];

    private static long Field(string? info, string name)
    {
        var line = (info ?? string.Empty).Split('\n').FirstOrDefault(line => line.StartsWith(name + ":", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"INFO has no {name}.");
        return long.Parse(line[(name.Length + 1)..].Trim(), CultureInfo.InvariantCulture);
    }
}
