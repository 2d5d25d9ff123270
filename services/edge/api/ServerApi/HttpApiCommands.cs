using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Classroom.Micro.Api.ServerApi.Bodies;
using Classroom.Micro.Api.V1;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// A command named by its method, as the HTTP API's <c>batch</c> and <c>/api</c> pipelines carry them: the method name
/// (as Centrifugo spells it) and its parameters object, mapped onto the contract's <see cref="Command"/>.
/// </summary>
internal static class HttpApiCommands
{
    /// <summary>The methods a batch or pipeline may contain: every method but <c>batch</c> itself.</summary>
    public static readonly FrozenSet<string> Names = FrozenSet.Create(
        StringComparer.Ordinal, "publish", "broadcast", "presence", "presence_stats", "history", "history_remove", "disconnect", "unsubscribe", "refresh", "info", "channels", "subscribe", "connections");

    /// <summary>The command, or the error it is answered with: 104 for an unknown method, 107 for a malformed parameter.</summary>
    public static BatchEntry Parse(string method, JsonElement parameters)
    {
        if (!Names.Contains(method))
        {
            return method == "batch" ? ApiErrors.BadRequest("a batch cannot contain a batch") : ApiErrors.MethodNotFound;
        }

        if (parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            return ApiErrors.BadRequest($"{method} must be an object");
        }

        return TryParse(method, parameters, out var command, out var problem) ? command : ApiErrors.BadRequest($"{method}.{problem}");
    }

    /// <summary>
    /// Binds <paramref name="parameters"/> (an object, or absent) of <paramref name="method"/>, one of <see cref="Names"/>,
    /// to its typed body and maps it onto the command; false with the malformed field (a field of the wrong type) as
    /// <paramref name="problem"/>.
    /// </summary>
    public static bool TryParse(string method, JsonElement parameters, out Command command, out string? problem)
    {
        var body = parameters.ValueKind == JsonValueKind.Object ? parameters : EmptyObject;
        var bodies = RequestBodiesContext.Default;
        return method switch
        {
            "publish" => Bind(body, bodies.PublishBody, value => new Command { Publish = value.ToContract() }, out command, out problem),
            "broadcast" => Bind(body, bodies.BroadcastBody, value => new Command { Broadcast = value.ToContract() }, out command, out problem),
            "presence" => Bind(body, bodies.ChannelBody, value => new Command { Presence = value.ToContract() }, out command, out problem),
            "presence_stats" => Bind(body, bodies.ChannelBody, value => new Command { PresenceStats = value.ToContract() }, out command, out problem),
            "history" => Bind(body, bodies.HistoryBody, value => new Command { History = value.ToContract() }, out command, out problem),
            "history_remove" => Bind(body, bodies.ChannelBody, value => new Command { HistoryRemove = value.ToContract() }, out command, out problem),
            "disconnect" => Bind(body, bodies.DisconnectBody, value => new Command { Disconnect = value.ToContract() }, out command, out problem),
            "unsubscribe" => Bind(body, bodies.UnsubscribeBody, value => new Command { Unsubscribe = value.ToContract() }, out command, out problem),
            "refresh" => Bind(body, bodies.RefreshBody, value => new Command { Refresh = value.ToContract() }, out command, out problem),
            "channels" => Bind(body, bodies.ChannelsBody, value => new Command { Channels = value.ToContract() }, out command, out problem),
            "subscribe" => Bind(body, bodies.SubscribeBody, value => new Command { Subscribe = value.ToContract() }, out command, out problem),
            "connections" => Bind(body, bodies.ConnectionsBody, value => new Command { Connections = value.ToContract() }, out command, out problem),
            "info" => Bind(body, bodies.ChannelsBody, _ => new Command { Info = new Empty() }, out command, out problem),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "not a command method"),
        };
    }

    private static bool Bind<TBody>(JsonElement body, JsonTypeInfo<TBody> type, Func<TBody, Command> toCommand, out Command command, out string? problem)
        where TBody : class
    {
        var bound = RequestBodiesContext.TryBind(body, type, out var value, out problem);
        command = bound ? toCommand(value) : new Command();
        return bound;
    }

    private static JsonElement EmptyObject { get; } = JsonDocument.Parse("{}").RootElement;
}
