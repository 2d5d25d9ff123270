using System.Text.Json;

namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// The fields of one request object. Only the fields the request kind defines are read; any other field, whatever
/// its shape, is skipped, because newer SDKs add fields (<c>subscribe.flag</c>, <c>connect.subs</c>…) freely.
/// </summary>
internal struct RequestBody
{
    public string? Channel;
    public string? Token;
    public string? Name;
    public string? Version;
    public string? Epoch;
    public string? Method;
    public RawJson Data;
    public bool Recover;
    public bool JoinLeave;
    public bool Reverse;
    public ulong Offset;
    public int Limit;
    public HistorySince? Since;
    public Dictionary<string, ServerSubPosition>? Subs;

    /// <summary>Most entries of a connect command's <c>subs</c> map.</summary>
    public const int MaxSubs = 1024;

    public readonly bool HasChannel => !string.IsNullOrEmpty(Channel);

    /// <summary>Reads the object starting at the reader's current <c>{</c>; false when a known field has the wrong type.</summary>
    public static bool TryRead(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, RequestKind kind, out RequestBody body)
    {
        body = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var ok = kind switch
            {
                RequestKind.Connect => body.ReadConnectField(ref reader, line),
                RequestKind.Subscribe => body.ReadSubscribeField(ref reader),
                RequestKind.Publish or RequestKind.Rpc or RequestKind.Send => body.ReadDataField(ref reader, line, kind),
                RequestKind.History => body.ReadHistoryField(ref reader),
                RequestKind.Refresh => body.ReadTokenOnly(ref reader),
                RequestKind.SubRefresh => body.ReadSubRefreshField(ref reader),
                _ => body.ReadChannelOnly(ref reader),
            };
            if (!ok)
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    private bool ReadConnectField(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        if (reader.ValueTextEquals("token"u8))
        {
            return JsonValues.TryReadString(ref reader, out Token);
        }

        if (reader.ValueTextEquals("name"u8))
        {
            return JsonValues.TryReadString(ref reader, out Name);
        }

        if (reader.ValueTextEquals("version"u8))
        {
            return JsonValues.TryReadString(ref reader, out Version);
        }

        if (reader.ValueTextEquals("data"u8))
        {
            return JsonValues.TryReadRaw(ref reader, line, out Data);
        }

        if (reader.ValueTextEquals("subs"u8))
        {
            return TryReadSubs(ref reader, out Subs);
        }

        return JsonValues.SkipValue(ref reader);
    }

    /// <summary>
    /// <c>subs</c>: channel → <c>{recover, offset, epoch}</c>. At most <see cref="MaxSubs"/> entries are read (a
    /// connection cannot hold more subscriptions than that anyway); a longer map is a bad request.
    /// </summary>
    private static bool TryReadSubs(ref Utf8JsonReader reader, out Dictionary<string, ServerSubPosition>? subs)
    {
        subs = null;
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        subs = new Dictionary<string, ServerSubPosition>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var channel = reader.GetString();
            if (string.IsNullOrEmpty(channel) || subs.Count >= MaxSubs || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var recover = false;
            ulong offset = 0;
            string? epoch = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var ok = reader.ValueTextEquals("recover"u8) ? JsonValues.TryReadBool(ref reader, out recover)
                    : reader.ValueTextEquals("offset"u8) ? JsonValues.TryReadUInt64(ref reader, out offset)
                    : reader.ValueTextEquals("epoch"u8) ? JsonValues.TryReadString(ref reader, out epoch)
                    : JsonValues.SkipValue(ref reader);
                if (!ok)
                {
                    return false;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return false;
            }

            subs[channel] = new ServerSubPosition(recover, offset, epoch);
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    private bool ReadSubscribeField(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("channel"u8))
        {
            return JsonValues.TryReadString(ref reader, out Channel);
        }

        if (reader.ValueTextEquals("token"u8))
        {
            return JsonValues.TryReadString(ref reader, out Token);
        }

        if (reader.ValueTextEquals("recover"u8))
        {
            return JsonValues.TryReadBool(ref reader, out Recover);
        }

        if (reader.ValueTextEquals("offset"u8))
        {
            return JsonValues.TryReadUInt64(ref reader, out Offset);
        }

        if (reader.ValueTextEquals("epoch"u8))
        {
            return JsonValues.TryReadString(ref reader, out Epoch);
        }

        if (reader.ValueTextEquals("join_leave"u8))
        {
            return JsonValues.TryReadBool(ref reader, out JoinLeave);
        }

        return JsonValues.SkipValue(ref reader);
    }

    private bool ReadDataField(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, RequestKind kind)
    {
        if (reader.ValueTextEquals("data"u8))
        {
            return JsonValues.TryReadRaw(ref reader, line, out Data);
        }

        if (kind == RequestKind.Publish && reader.ValueTextEquals("channel"u8))
        {
            return JsonValues.TryReadString(ref reader, out Channel);
        }

        if (kind == RequestKind.Rpc && reader.ValueTextEquals("method"u8))
        {
            return JsonValues.TryReadString(ref reader, out Method);
        }

        return JsonValues.SkipValue(ref reader);
    }

    private bool ReadHistoryField(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("channel"u8))
        {
            return JsonValues.TryReadString(ref reader, out Channel);
        }

        if (reader.ValueTextEquals("limit"u8))
        {
            return JsonValues.TryReadInt32(ref reader, out Limit);
        }

        if (reader.ValueTextEquals("reverse"u8))
        {
            return JsonValues.TryReadBool(ref reader, out Reverse);
        }

        if (reader.ValueTextEquals("since"u8))
        {
            return TryReadSince(ref reader, out Since);
        }

        return JsonValues.SkipValue(ref reader);
    }

    private bool ReadSubRefreshField(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("channel"u8))
        {
            return JsonValues.TryReadString(ref reader, out Channel);
        }

        return ReadTokenOnly(ref reader);
    }

    private bool ReadTokenOnly(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("token"u8)
            ? JsonValues.TryReadString(ref reader, out Token)
            : JsonValues.SkipValue(ref reader);

    private bool ReadChannelOnly(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("channel"u8)
            ? JsonValues.TryReadString(ref reader, out Channel)
            : JsonValues.SkipValue(ref reader);

    private static bool TryReadSince(ref Utf8JsonReader reader, out HistorySince? since)
    {
        since = null;
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        ulong offset = 0;
        string? epoch = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var ok = reader.ValueTextEquals("offset"u8) ? JsonValues.TryReadUInt64(ref reader, out offset)
                : reader.ValueTextEquals("epoch"u8) ? JsonValues.TryReadString(ref reader, out epoch)
                : JsonValues.SkipValue(ref reader);
            if (!ok)
            {
                return false;
            }
        }

        since = new HistorySince(offset, epoch ?? string.Empty);
        return reader.TokenType == JsonTokenType.EndObject;
    }
}
