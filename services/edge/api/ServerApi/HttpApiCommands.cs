using System.Collections.Frozen;
using System.Text.Json;
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
    /// Maps <paramref name="parameters"/> (an object, or absent) of <paramref name="method"/>, one of <see cref="Names"/>,
    /// onto its command; false with the first malformed field (a field of the wrong type) as <paramref name="problem"/>.
    /// </summary>
    public static bool TryParse(string method, JsonElement parameters, out Command command, out string? problem)
    {
        var fields = new JsonRequestFields(parameters.ValueKind == JsonValueKind.Object ? parameters : EmptyObject);
        command = method switch
        {
            "publish" => new Command { Publish = HttpApiRequests.Publish(fields) },
            "broadcast" => new Command { Broadcast = HttpApiRequests.Broadcast(fields) },
            "presence" => new Command { Presence = HttpApiRequests.Channel(fields) },
            "presence_stats" => new Command { PresenceStats = HttpApiRequests.Channel(fields) },
            "history" => new Command { History = HttpApiRequests.History(fields) },
            "history_remove" => new Command { HistoryRemove = HttpApiRequests.Channel(fields) },
            "disconnect" => new Command { Disconnect = HttpApiRequests.Disconnect(fields) },
            "unsubscribe" => new Command { Unsubscribe = HttpApiRequests.Unsubscribe(fields) },
            "refresh" => new Command { Refresh = HttpApiRequests.Refresh(fields) },
            "channels" => new Command { Channels = HttpApiRequests.Channels(fields) },
            "subscribe" => new Command { Subscribe = HttpApiRequests.Subscribe(fields) },
            "connections" => new Command { Connections = HttpApiRequests.Connections(fields) },
            "info" => new Command { Info = new Empty() },
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "not a command method"),
        };
        problem = fields.Problem;
        return problem is null;
    }

    private static JsonElement EmptyObject { get; } = JsonDocument.Parse("{}").RootElement;
}
