using Classroom.Micro.ServiceDefaults.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>
/// The only place fanout key names are built. Every key of a channel carries the hash tag <c>{channel}</c>,
/// so the append script's keys live in one cluster slot.
/// </summary>
internal sealed class StreamKeys(IOptions<RedisOptions> redis)
{
    private readonly string _prefix = redis.Value.KeyPrefix;

    /// <summary>The channel's publications, entry id <c>&lt;offset&gt;-0</c>.</summary>
    public RedisKey Stream(string channel) => $"{_prefix}{{{channel}}}:stream";

    /// <summary>The channel's epoch and last assigned offset (a hash).</summary>
    public RedisKey Meta(string channel) => $"{_prefix}{{{channel}}}:meta";

    /// <summary>The deployment's control log (one stream for every channel: control commands concern connections).</summary>
    public RedisKey ControlLog() => $"{_prefix}control";

    /// <summary>The remembered result of a publish with <paramref name="idempotencyKey"/>.</summary>
    public RedisKey Idempotency(string channel, string idempotencyKey) => $"{_prefix}{{{channel}}}:idem:{idempotencyKey}";
}
