using System.Globalization;
using Classroom.Micro.Fanout.V1;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Classroom.Micro.Fanout.Storage;

/// <summary>
/// Every channel's publications in a Redis stream: appends assign gap-free offsets within an epoch, reads
/// return publications after an offset together with the stream's position.
/// </summary>
internal sealed class PublicationLog(
    IConnectionMultiplexer redis,
    StreamKeys keys,
    IOptions<StreamOptions> streams,
    IOptions<IdempotencyOptions> idempotency,
    IOptions<DurabilityOptions> durability)
{
    private const string PayloadField = "p";

    // Only when every exposed publication was confirmed by a replica can a promoted replica keep the epoch.
    private string KeepEpochOnPromotion => durability.Value.ReplicaAcks > 0 ? "1" : "0";

    /// <summary>
    /// Appends <paramref name="publication"/> (its offset is ignored: the stream assigns it). With an
    /// <paramref name="idempotencyKey"/> seen within the window, returns the earlier result instead.
    /// </summary>
    public async Task<AppendResult> AppendAsync(string channel, Publication publication, string? idempotencyKey)
    {
        var stored = publication.Clone();
        stored.Offset = 0;

        RedisKey[] scriptKeys = string.IsNullOrEmpty(idempotencyKey)
            ? [keys.Stream(channel), keys.Meta(channel)]
            : [keys.Stream(channel), keys.Meta(channel), keys.Idempotency(channel, idempotencyKey)];
        var retention = streams.Value.RetentionOf(channel);
        RedisValue[] arguments =
        [
            stored.ToByteArray(),
            Epochs.NewCandidate(),
            retention.MaxLength,
            Milliseconds(retention.Ttl),
            Milliseconds(retention.MetaTtl),
            Milliseconds(idempotency.Value.Window),
            KeepEpochOnPromotion,
        ];

        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(AppendScript.Source, scriptKeys, arguments))!;
        var position = new LogPosition((ulong)(long)result[0], (string)result[1]!);
        return new AppendResult(position, Duplicate: (long)result[2] == 1);
    }

    /// <summary>
    /// Reads publications with offset greater than <paramref name="sinceOffset"/>: at most <paramref name="limit"/>
    /// (0 none, -1 every retained one), oldest first or, with <paramref name="reverse"/>, newest first.
    /// </summary>
    public async Task<StreamSlice> ReadAsync(string channel, ulong sinceOffset, int limit, bool reverse)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, -1);

        RedisKey[] scriptKeys = [keys.Stream(channel), keys.Meta(channel)];
        RedisValue[] arguments =
        [
            Epochs.NewCandidate(),
            Milliseconds(streams.Value.RetentionOf(channel).MetaTtl),
            sinceOffset.ToString(CultureInfo.InvariantCulture),
            limit,
            reverse ? "1" : "0",
            KeepEpochOnPromotion,
        ];

        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(ReadScript.Source, scriptKeys, arguments))!;
        var position = new LogPosition((ulong)(long)result[1], (string)result[0]!);
        var firstId = (string?)result[2];
        var firstRetained = string.IsNullOrEmpty(firstId) ? 0 : OffsetOf(firstId);

        var entries = (RedisResult[])result[3]!;
        var publications = new List<Publication>(entries.Length);
        foreach (var entry in entries)
        {
            publications.Add(ParseEntry((RedisResult[])entry!));
        }

        return new StreamSlice(publications, position, firstRetained);
    }

    /// <summary>Removes every publication of the channel; its epoch and last offset stay (see <see cref="RemoveHistoryScript"/>).</summary>
    public async Task<LogPosition> RemoveHistoryAsync(string channel)
    {
        RedisKey[] scriptKeys = [keys.Stream(channel), keys.Meta(channel)];
        RedisValue[] arguments =
        [
            Epochs.NewCandidate(),
            Milliseconds(streams.Value.RetentionOf(channel).MetaTtl),
            KeepEpochOnPromotion,
        ];

        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(RemoveHistoryScript.Source, scriptKeys, arguments))!;
        return new LogPosition((ulong)(long)result[1], (string)result[0]!);
    }

    private static Publication ParseEntry(RedisResult[] entry)
    {
        var fields = (RedisResult[])entry[1]!;
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            if ((string?)fields[i] == PayloadField)
            {
                var publication = Publication.Parser.ParseFrom((byte[])fields[i + 1]!);
                publication.Offset = OffsetOf((string)entry[0]!);
                return publication;
            }
        }

        throw new InvalidDataException($"Stream entry {(string?)entry[0]} has no '{PayloadField}' field.");
    }

    private static ulong OffsetOf(string entryId) =>
        ulong.Parse(entryId.AsSpan(0, entryId.IndexOf('-', StringComparison.Ordinal)), CultureInfo.InvariantCulture);

    private static long Milliseconds(TimeSpan duration) => Math.Max(1, (long)duration.TotalMilliseconds);
}
