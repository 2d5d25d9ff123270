using Classroom.Micro.Fanout.Storage;
using Classroom.Micro.ServiceDefaults.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Classroom.Micro.Fanout.Tests.Support;

/// <summary>Builds storage objects directly on a connection, as a replica would with its own settings.</summary>
internal static class LogBuilder
{
    public static StreamKeys Keys(string prefix) => new(Options.Create(new RedisOptions { KeyPrefix = prefix }));

    public static PublicationLog Log(
        IConnectionMultiplexer connection,
        string prefix,
        StreamOptions? streams = null,
        IdempotencyOptions? idempotency = null,
        DurabilityOptions? durability = null,
        ReadOptions? reads = null,
        TimeProvider? time = null) =>
        new(
            connection,
            Keys(prefix),
            Options.Create(streams ?? new StreamOptions()),
            Options.Create(idempotency ?? new IdempotencyOptions()),
            Options.Create(durability ?? new DurabilityOptions()),
            Options.Create(reads ?? new ReadOptions()),
            time ?? TimeProvider.System);
}
