using System.Text.Json;
using System.Text.Json.Serialization;

namespace Classroom.Micro.Api.ServerApi.Bodies;

/// <summary>The source-generated binding of every request body (snake_case, as Centrifugo names its fields).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, MaxDepth = 64)]
[JsonSerializable(typeof(PublishBody))]
[JsonSerializable(typeof(BroadcastBody))]
[JsonSerializable(typeof(ChannelBody))]
[JsonSerializable(typeof(HistoryBody))]
[JsonSerializable(typeof(DisconnectBody))]
[JsonSerializable(typeof(UnsubscribeBody))]
[JsonSerializable(typeof(SubscribeBody))]
[JsonSerializable(typeof(RefreshBody))]
[JsonSerializable(typeof(ChannelsBody))]
[JsonSerializable(typeof(ConnectionsBody))]
[JsonSerializable(typeof(BatchBody))]
[JsonSerializable(typeof(PipelineCommandBody))]
internal sealed partial class RequestBodiesContext : JsonSerializerContext
{
    /// <summary>
    /// Binds <paramref name="body"/> (an object) with <paramref name="type"/>; false with the malformed field named as
    /// the API names it (<c>recover_since.offset has the wrong type</c>) when a field has the wrong type.
    /// </summary>
    public static bool TryBind<T>(JsonElement body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, out T value, out string? problem)
        where T : class
    {
        try
        {
            value = body.Deserialize(type)!;
            problem = null;
            return true;
        }
        catch (JsonException exception)
        {
            value = null!;
            var path = exception.Path is { Length: > 2 } full && full.StartsWith("$.", StringComparison.Ordinal) ? full[2..] : "body";
            problem = $"{path} has the wrong type";
            return false;
        }
    }
}
