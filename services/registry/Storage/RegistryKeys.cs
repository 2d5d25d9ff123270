using StackExchange.Redis;

namespace Classroom.Micro.Registry.Storage;

/// <summary>
/// Every Redis key the registry uses, built in one place. Keys of one channel share the hash tag
/// <c>{channel}</c> and keys of one edge share <c>{edge:id}</c>, so each Lua script touches a single
/// cluster slot and the registry runs unchanged on Redis Cluster.
/// </summary>
/// <remarks>
/// An edge's entries are indexed per lease generation (a random id minted whenever the edge starts a new
/// lease), so sweeping an old generation can never touch entries the edge registered again under a new one.
/// </remarks>
internal sealed class RegistryKeys(string prefix)
{
    /// <summary>Sorted set: edge id scored by the Unix ms at which a sweeper should next look at the edge.</summary>
    public RedisKey LeaseSchedule { get; } = prefix + "leases";

    /// <summary>Hash: connection id → <c>Subscription</c> protobuf bytes.</summary>
    public RedisKey ChannelSubscriptions(string channel) => Channel(channel, "subs");

    /// <summary>Hash: connection id → <c>generation|edge id</c> of the lease that registered the entry.</summary>
    public RedisKey ChannelOwners(string channel) => Channel(channel, "owners");

    /// <summary>Hash: edge id → number of that edge's subscriptions on the channel.</summary>
    public RedisKey ChannelRoutes(string channel) => Channel(channel, "routes");

    /// <summary>A SCAN <c>MATCH</c> pattern for every channel's <see cref="ChannelRoutes"/> key (the prefix taken literally).</summary>
    public RedisValue AllChannelRoutes { get; } = EscapeGlob(prefix) + "{*}" + RoutesSuffix;

    /// <summary>The channel whose <see cref="ChannelRoutes"/> key <paramref name="key"/> is; null for any other key.</summary>
    public string? ChannelOfRoutes(string key)
    {
        var head = prefix + "{";
        if (key.Length <= head.Length + RoutesSuffix.Length + 1
            || !key.StartsWith(head, StringComparison.Ordinal)
            || !key.EndsWith("}" + RoutesSuffix, StringComparison.Ordinal))
        {
            return null;
        }

        var channel = key[head.Length..^(RoutesSuffix.Length + 1)];
        // A brace inside means the glob spanned another key's shape (e.g. a fanout idempotency key ending in ":routes").
        return channel.AsSpan().IndexOfAny('{', '}') >= 0 ? null : channel;
    }

    /// <summary>Hash: <c>generation</c>, <c>expires</c> (Unix ms), <c>address</c> of the edge's current lease.</summary>
    public RedisKey EdgeLease(string edgeId) => Edge(edgeId, "lease");

    /// <summary>Set: generations of the edge whose lease ended and whose entries still await removal.</summary>
    public RedisKey EdgeRetiredGenerations(string edgeId) => Edge(edgeId, "retired");

    /// <summary>String with a TTL: held by the one replica removing a retired generation's entries.</summary>
    public RedisKey GenerationClaim(string edgeId, string generation) => Edge(edgeId, "claim:" + generation);

    /// <summary>Set: connection ids the edge registered under one lease generation.</summary>
    public RedisKey GenerationConnections(string edgeId, string generation) => Edge(edgeId, "conns:" + generation);

    /// <summary>Set: channels one connection subscribed to under one lease generation.</summary>
    public RedisKey GenerationConnectionChannels(string edgeId, string generation, string connectionId) =>
        Edge(edgeId, $"conn:{generation}:{connectionId}");

    /// <summary>Hash: connection id → <c>Connection</c> protobuf bytes, for each connection holding a subscription under one generation.</summary>
    public RedisKey GenerationClients(string edgeId, string generation) => Edge(edgeId, "clients:" + generation);

    /// <summary>
    /// Set: connection ids of one user that hold a subscription on the edge under one generation (the per-user index
    /// <c>ListConnections</c> reads). In the edge's slot, so the scripts that index a connection keep it in the same call.
    /// </summary>
    public RedisKey GenerationUserConnections(string edgeId, string generation, string userId) => Edge(edgeId, $"user:{generation}:{userId}");

    private const string RoutesSuffix = ":routes";

    private RedisKey Channel(string channel, string suffix) => $"{prefix}{{{channel}}}:{suffix}";

    /// <summary>Escapes the characters Redis glob matching treats specially.</summary>
    private static string EscapeGlob(string text)
    {
        var escaped = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    private RedisKey Edge(string edgeId, string suffix) => $"{prefix}{{edge:{edgeId}}}:{suffix}";
}
