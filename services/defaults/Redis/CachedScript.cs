using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Classroom.Micro.ServiceDefaults.Redis;

/// <summary>
/// A Lua script sent by its SHA1 (<c>EVALSHA</c>): the source crosses the network only the first time a server sees it
/// (after a restart or a failover the server answers <c>NOSCRIPT</c> and the script is sent once with <c>EVAL</c>, which
/// caches it there again).
/// </summary>
public sealed class CachedScript
{
    private readonly byte[] _hash;

    public CachedScript(string source)
    {
        Source = source;
        // SHA1 is what EVALSHA names a script by; nothing here depends on it resisting collisions.
#pragma warning disable CA5350
        _hash = SHA1.HashData(Encoding.UTF8.GetBytes(source));
#pragma warning restore CA5350
    }

    /// <summary>The Lua source.</summary>
    public string Source { get; }

    /// <summary>Runs the script on the server owning <paramref name="keys"/>.</summary>
    public async Task<RedisResult> EvaluateAsync(IDatabaseAsync database, RedisKey[] keys, RedisValue[] values, CommandFlags flags = CommandFlags.None)
    {
        try
        {
            return await database.ScriptEvaluateAsync(_hash, keys, values, flags);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await database.ScriptEvaluateAsync(Source, keys, values, flags);
        }
    }
}
