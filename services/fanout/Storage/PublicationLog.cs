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
    IOptions<DurabilityOptions> durability,
    IOptions<ReadOptions> reads,
    TimeProvider time)
{
    private const string PayloadField = "p";

    // Only when every exposed publication was confirmed by a replica can a promoted replica keep the epoch.
    private string KeepEpochOnPromotion => durability.Value.ReplicaAcks > 0 ? "1" : "0";

    /// <summary>
    /// Appends <paramref name="publication"/> (its offset is ignored: the stream assigns it). With an
    /// <paramref name="idempotencyKey"/> seen within the window, returns the earlier result instead.
    /// </summary>
    public async Task<AppendResult> AppendAsync(string channel, Publication publication, string? idempotencyKey) =>
        (await AppendBatchAsync(channel, [new PendingAppend(publication, idempotencyKey)]))[0];

    /// <summary>
    /// Appends <paramref name="batch"/> in one call (one script, one round trip): the publications take consecutive
    /// offsets in the batch's order (their own offsets are ignored), except those whose idempotency key was seen within
    /// the window, which get the earlier result. The results are in the batch's order.
    /// </summary>
    public async Task<AppendResult[]> AppendBatchAsync(string channel, IReadOnlyList<PendingAppend> batch)
    {
        ArgumentOutOfRangeException.ThrowIfZero(batch.Count);

        var scriptKeys = new List<RedisKey>(2 + batch.Count) { keys.Stream(channel), keys.Meta(channel) };
        var retention = streams.Value.RetentionOf(channel);
        var arguments = new RedisValue[10 + (2 * batch.Count)];
        arguments[0] = Epochs.NewCandidate();
        arguments[1] = retention.MaxLength;
        arguments[2] = Milliseconds(retention.Ttl);
        arguments[3] = Milliseconds(retention.MetaTtl + retention.ExpirySlack);
        arguments[4] = Milliseconds(idempotency.Value.Window);
        arguments[5] = KeepEpochOnPromotion;
        arguments[6] = batch.Count;
        arguments[7] = retention.MaxBytes;
        arguments[8] = time.GetUtcNow().ToUnixTimeMilliseconds();
        arguments[9] = Milliseconds(retention.ExpirySlack);
        for (var i = 0; i < batch.Count; i++)
        {
            var (publication, idempotencyKey) = batch[i];
            var keyIndex = 0;
            if (!string.IsNullOrEmpty(idempotencyKey))
            {
                scriptKeys.Add(keys.Idempotency(channel, idempotencyKey));
                keyIndex = scriptKeys.Count;
            }

            arguments[10 + (2 * i)] = Stored(publication);
            arguments[11 + (2 * i)] = keyIndex;
        }

        var result = (RedisResult[])(await AppendScript.Script.EvaluateAsync(redis.GetDatabase(), [.. scriptKeys], arguments))!;
        var appended = new AppendResult[batch.Count];
        for (var i = 0; i < appended.Length; i++)
        {
            var position = new LogPosition((ulong)(long)result[4 * i], (string)result[(4 * i) + 1]!);
            var stored = (byte[]?)result[(4 * i) + 3];
            Publication? earlier = null;
            if (stored is { Length: > 0 })
            {
                earlier = Publication.Parser.ParseFrom(stored);
                earlier.Offset = position.Offset;
            }

            appended[i] = new AppendResult(position, Duplicate: (long)result[(4 * i) + 2] == 1, earlier);
        }

        return appended;
    }

    /// <summary>
    /// Reads publications with offset greater than <paramref name="sinceOffset"/> (and lower than
    /// <paramref name="beforeOffset"/> when it is not 0): at most <paramref name="limit"/> (0 none, -1 every retained
    /// one), oldest first or, with <paramref name="reverse"/>, newest first, and at most <paramref name="maxBytes"/> of
    /// stored publications (0 or more than <see cref="ReadOptions.MaxResponseBytes"/>: that), the first one always.
    /// </summary>
    public async Task<StreamSlice> ReadAsync(string channel, ulong sinceOffset, int limit, bool reverse, int maxBytes = 0, ulong beforeOffset = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, -1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        var budget = maxBytes == 0 ? reads.Value.MaxResponseBytes : Math.Min(maxBytes, reads.Value.MaxResponseBytes);
        var retention = streams.Value.RetentionOf(channel);

        RedisKey[] scriptKeys = [keys.Stream(channel), keys.Meta(channel)];
        RedisValue[] arguments =
        [
            Epochs.NewCandidate(),
            Milliseconds(retention.MetaTtl + retention.ExpirySlack),
            sinceOffset.ToString(CultureInfo.InvariantCulture),
            limit,
            reverse ? "1" : "0",
            KeepEpochOnPromotion,
            budget,
            beforeOffset.ToString(CultureInfo.InvariantCulture),
        ];

        var result = (RedisResult[])(await ReadScript.Script.EvaluateAsync(redis.GetDatabase(), scriptKeys, arguments))!;
        var position = new LogPosition((ulong)(long)result[1], (string)result[0]!);
        var firstId = (string?)result[2];
        var firstRetained = string.IsNullOrEmpty(firstId) ? 0 : OffsetOf(firstId);

        var entries = (RedisResult[])result[3]!;
        var publications = new List<Publication>(entries.Length);
        foreach (var entry in entries)
        {
            publications.Add(ParseEntry((RedisResult[])entry!));
        }

        return new StreamSlice(publications, position, firstRetained, Truncated: (long)result[4] == 1);
    }

    /// <summary>Removes every publication of the channel; its epoch and last offset stay (see <see cref="RemoveHistoryScript"/>).</summary>
    public async Task<LogPosition> RemoveHistoryAsync(string channel)
    {
        RedisKey[] scriptKeys = [keys.Stream(channel), keys.Meta(channel)];
        var retention = streams.Value.RetentionOf(channel);
        RedisValue[] arguments =
        [
            Epochs.NewCandidate(),
            Milliseconds(retention.MetaTtl + retention.ExpirySlack),
            KeepEpochOnPromotion,
        ];

        var result = (RedisResult[])(await RemoveHistoryScript.Script.EvaluateAsync(redis.GetDatabase(), scriptKeys, arguments))!;
        return new LogPosition((ulong)(long)result[1], (string)result[0]!);
    }

    // The stored bytes never carry an offset: the entry id is the offset.
    private static byte[] Stored(Publication publication)
    {
        if (publication.Offset == 0)
        {
            return publication.ToByteArray();
        }

        var stored = publication.Clone();
        stored.Offset = 0;
        return stored.ToByteArray();
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
