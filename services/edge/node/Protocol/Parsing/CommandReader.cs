using System.Text.Json;

namespace Classroom.Micro.Edge.Protocol;

/// <summary>Decodes one line of a frame into a command; null means the line is not a well-formed command.</summary>
internal static class CommandReader
{
    public static ClientCommand? Read(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        try
        {
            return ReadCommand(ref reader, line);
        }
        catch (JsonException)
        {
            // Utf8JsonReader reports invalid or truncated JSON only by throwing; it stays inside this method.
            return null;
        }
        catch (InvalidOperationException)
        {
            // GetString's verdict on an escape that is not valid UTF-16 (a lone surrogate).
            return null;
        }
    }

    private static ClientCommand? ReadCommand(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        uint id = 0;
        var requests = 0;
        var kind = RequestKind.None;
        var body = default(RequestBody);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                if (!JsonValues.TryReadUInt32(ref reader, out id))
                {
                    return null;
                }

                continue;
            }

            var candidate = MatchRequest(ref reader);
            reader.Read();
            if (candidate == RequestKind.None)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            requests++;
            if (requests == 1)
            {
                kind = candidate;
                if (!RequestBody.TryRead(ref reader, line, kind, out body))
                {
                    return null;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return null;
        }

        return Build(id, kind, requests, body);
    }

    private static ClientCommand? Build(uint id, RequestKind kind, int requests, in RequestBody body)
    {
        if (requests == 0)
        {
            return id == 0 ? PingReply.Instance : new InvalidCommand(id, ClientErrors.MethodNotFound);
        }

        if (id == 0)
        {
            // A reply with id 0 would read as a ping to the SDK, so a request that needs one is a protocol violation.
            return kind == RequestKind.Send && requests == 1 ? new SendCommand(body.Data) : null;
        }

        if (requests > 1)
        {
            return new InvalidCommand(id, ClientErrors.BadRequest);
        }

        return kind switch
        {
            RequestKind.Connect => new ConnectCommand(id, body.Token, body.Name, body.Version, body.Data) { Subs = body.Subs ?? ConnectCommand.NoSubs },
            RequestKind.Subscribe when body.HasChannel =>
                new SubscribeCommand(id, body.Channel!, body.Recover, body.Offset, body.Epoch, body.JoinLeave, body.Token),
            RequestKind.Unsubscribe when body.HasChannel => new UnsubscribeCommand(id, body.Channel!),
            RequestKind.Publish when body.HasChannel && !body.Data.IsEmpty => new PublishCommand(id, body.Channel!, body.Data),
            RequestKind.Presence when body.HasChannel => new PresenceCommand(id, body.Channel!),
            RequestKind.PresenceStats when body.HasChannel => new PresenceStatsCommand(id, body.Channel!),
            RequestKind.History when body.HasChannel => new HistoryCommand(id, body.Channel!, body.Limit, body.Since, body.Reverse),
            RequestKind.Rpc => new RpcCommand(id, body.Method ?? string.Empty, body.Data),
            RequestKind.Refresh when !string.IsNullOrEmpty(body.Token) => new RefreshCommand(id, body.Token),
            RequestKind.SubRefresh when body.HasChannel && !string.IsNullOrEmpty(body.Token) =>
                new SubRefreshCommand(id, body.Channel!, body.Token),
            RequestKind.Send => new SendCommand(body.Data),
            _ => new InvalidCommand(id, ClientErrors.BadRequest),
        };
    }

    private static RequestKind MatchRequest(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("publish"u8))
        {
            return RequestKind.Publish;
        }

        if (reader.ValueTextEquals("subscribe"u8))
        {
            return RequestKind.Subscribe;
        }

        if (reader.ValueTextEquals("connect"u8))
        {
            return RequestKind.Connect;
        }

        if (reader.ValueTextEquals("unsubscribe"u8))
        {
            return RequestKind.Unsubscribe;
        }

        if (reader.ValueTextEquals("presence"u8))
        {
            return RequestKind.Presence;
        }

        if (reader.ValueTextEquals("presence_stats"u8))
        {
            return RequestKind.PresenceStats;
        }

        if (reader.ValueTextEquals("history"u8))
        {
            return RequestKind.History;
        }

        if (reader.ValueTextEquals("rpc"u8))
        {
            return RequestKind.Rpc;
        }

        if (reader.ValueTextEquals("refresh"u8))
        {
            return RequestKind.Refresh;
        }

        if (reader.ValueTextEquals("sub_refresh"u8))
        {
            return RequestKind.SubRefresh;
        }

        return reader.ValueTextEquals("send"u8) ? RequestKind.Send : RequestKind.None;
    }
}
