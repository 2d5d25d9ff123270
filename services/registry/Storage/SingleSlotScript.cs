using System.Collections.Concurrent;
using Classroom.Micro.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Classroom.Micro.Registry.Storage;

/// <summary>
/// Runs Lua scripts after checking that all their keys share one hash tag, hence one cluster slot. Scripts are sent by
/// their SHA1 (<see cref="CachedScript"/>): the registry's scripts are a handful of constants, each hashed once.
/// </summary>
internal static class SingleSlotScript
{
    private static readonly ConcurrentDictionary<string, CachedScript> Scripts = new(StringComparer.Ordinal);

    /// <summary>
    /// Evaluates <paramref name="script"/>. A script spanning two slots works on a single Redis and fails on a
    /// cluster with CROSSSLOT, so the mistake is caught here, in every test against a plain redis-server, before it ships.
    /// </summary>
    public static Task<RedisResult> EvaluateAsync(this IDatabaseAsync database, string script, RedisKey[] keys, params RedisValue[] values)
    {
        var tag = HashTag.Of(keys[0]!);
        foreach (var key in keys)
        {
            if (HashTag.Of(key!) != tag)
            {
                throw new InvalidOperationException($"Script keys span several hash tags: {string.Join(", ", keys)}");
            }
        }

        return Scripts.GetOrAdd(script, source => new CachedScript(source)).EvaluateAsync(database, keys, values);
    }
}
