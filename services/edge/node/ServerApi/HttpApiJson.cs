using System.Text.Json;
using Classroom.Micro.Api.V1;
using Classroom.Micro.Edge.Protocol;

namespace Classroom.Micro.Edge.ServerApi;

/// <summary>
/// The HTTP API's response bodies in Centrifugo's shapes: <c>{"result":{…}}</c> or <c>{"error":{"code":N,"message":"…"}}</c>,
/// snake_case names, offsets as JSON numbers, <c>data</c> and <c>conn_info</c> as embedded JSON.
/// </summary>
internal static class HttpApiJson
{
    public static byte[] Result<T>(T result, Action<Utf8JsonWriter, T> writeFields)
    {
        var writer = JsonScratch.Begin();
        writer.WriteStartObject();
        writer.WriteStartObject("result"u8);
        writeFields(writer, result);
        writer.WriteEndObject();
        writer.WriteEndObject();
        return JsonScratch.Finish();
    }

    public static byte[] Error(ApiError error)
    {
        var writer = JsonScratch.Begin();
        writer.WriteStartObject();
        ErrorObject(writer, (uint)error.Code, error.Message);
        writer.WriteEndObject();
        return JsonScratch.Finish();
    }

    public static void Publish(Utf8JsonWriter writer, PublishResult result)
    {
        writer.WriteNumber("offset"u8, result.Offset);
        writer.WriteString("epoch"u8, result.Epoch);
    }

    /// <summary><c>"responses":[{"result":{…}}, {"error":{…}}]</c>, one per channel in request order.</summary>
    public static void Broadcast(Utf8JsonWriter writer, BroadcastResult result)
    {
        writer.WriteStartArray("responses"u8);
        foreach (var response in result.Responses)
        {
            writer.WriteStartObject();
            if (response.Error is { } error)
            {
                ErrorObject(writer, error.Code, error.Message);
            }
            else
            {
                writer.WriteStartObject("result"u8);
                Publish(writer, response.Result);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary><c>"presence":{"&lt;client&gt;":{"user","client","conn_info"}}</c>.</summary>
    public static void Presence(Utf8JsonWriter writer, PresenceResult result)
    {
        writer.WriteStartObject("presence"u8);
        foreach (var (client, info) in result.Presence)
        {
            writer.WritePropertyName(client);
            ViewJson.ClientInfo(writer, View(info));
        }

        writer.WriteEndObject();
    }

    public static void PresenceStats(Utf8JsonWriter writer, PresenceStatsResult result)
    {
        writer.WriteNumber("num_clients"u8, result.NumClients);
        writer.WriteNumber("num_users"u8, result.NumUsers);
    }

    /// <summary><c>"publications":[{"data","info","offset","tags"}],"offset":N,"epoch":"…"</c>; publications is always present, possibly empty.</summary>
    public static void History(Utf8JsonWriter writer, Api.V1.HistoryResult result)
    {
        writer.WriteStartArray("publications"u8);
        foreach (var publication in result.Publications)
        {
            var tags = publication.Tags.Count > 0 ? publication.Tags : null;
            var info = publication.Info is { } source ? View(source) : null;
            ViewJson.Publication(writer, new PublicationView(publication.Offset, RawJson.FromTrusted(publication.Data.Memory), info, tags));
        }

        writer.WriteEndArray();
        writer.WriteNumber("offset"u8, result.Offset);
        writer.WriteString("epoch"u8, result.Epoch);
    }

    /// <summary><c>"nodes":[{"uid","name","lease_expires_at_unix_ms"}]</c>: what the registry knows of each live edge.</summary>
    public static void Info(Utf8JsonWriter writer, InfoResult result)
    {
        writer.WriteStartArray("nodes"u8);
        foreach (var node in result.Nodes)
        {
            writer.WriteStartObject();
            writer.WriteString("uid"u8, node.Uid);
            writer.WriteString("name"u8, node.Name);
            writer.WriteNumber("lease_expires_at_unix_ms"u8, node.LeaseExpiresAtUnixMs);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void ErrorObject(Utf8JsonWriter writer, uint code, string message)
    {
        writer.WriteStartObject("error"u8);
        writer.WriteNumber("code"u8, code);
        writer.WriteString("message"u8, message);
        writer.WriteEndObject();
    }

    // conn_info was validated as JSON where it entered (auth's token claim, fanout's publish).
    private static ClientInfoView View(Api.V1.ClientInfo info) =>
        new(info.User, info.Client, RawJson.FromTrusted(info.ConnInfo.Memory), default);
}
