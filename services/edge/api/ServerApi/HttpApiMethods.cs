using System.Collections.Frozen;
using System.Text.Json;
using Classroom.Micro.Api.V1;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>The HTTP API's methods by name (<c>POST /api/&lt;method&gt;</c>): read the body, call the operation, write its answer.</summary>
internal sealed class HttpApiMethods(
    ServerPublisher publisher,
    ServerReads reads,
    ServerHistoryRemoval history,
    ServerControl control,
    ServerDirectory directory,
    ServerBatch batch)
{
    /// <summary>Every method name, as Centrifugo spells it.</summary>
    public static readonly FrozenSet<string> Names = FrozenSet.Create(
        StringComparer.Ordinal,
        "publish", "broadcast", "presence", "presence_stats", "history", "history_remove", "disconnect", "unsubscribe", "refresh", "info", "channels", "subscribe", "connections", "batch");

    /// <summary>Runs <paramref name="method"/>, which must be one of <see cref="Names"/>.</summary>
    public Task<HttpApiReply> InvokeAsync(string method, JsonRequestFields fields, CancellationToken cancellation) => method switch
    {
        "publish" => RunAsync(fields, HttpApiRequests.Publish(fields), publisher.PublishAsync, HttpApiJson.Publish, cancellation),
        "broadcast" => RunAsync(fields, HttpApiRequests.Broadcast(fields), publisher.BroadcastAsync, HttpApiJson.Broadcast, cancellation),
        "presence" => RunAsync(fields, HttpApiRequests.Channel(fields), reads.PresenceAsync, HttpApiJson.Presence, cancellation),
        "presence_stats" => RunAsync(fields, HttpApiRequests.Channel(fields), reads.PresenceStatsAsync, HttpApiJson.PresenceStats, cancellation),
        "history" => RunAsync(fields, HttpApiRequests.History(fields), reads.HistoryAsync, HttpApiJson.History, cancellation),
        "disconnect" => RunAsync(fields, HttpApiRequests.Disconnect(fields), control.DisconnectAsync, NoFields, cancellation),
        "unsubscribe" => RunAsync(fields, HttpApiRequests.Unsubscribe(fields), control.UnsubscribeAsync, NoFields, cancellation),
        "refresh" => RunAsync(fields, HttpApiRequests.Refresh(fields), control.RefreshAsync, NoFields, cancellation),
        "history_remove" => RunAsync(fields, HttpApiRequests.Channel(fields), history.RemoveAsync, NoFields, cancellation),
        "info" => RunAsync(fields, new Empty(), (_, token) => directory.InfoAsync(token), HttpApiJson.Info, cancellation),
        "channels" => RunAsync(fields, HttpApiRequests.Channels(fields), directory.ChannelsAsync, HttpApiJson.Channels, cancellation),
        "subscribe" => RunAsync(fields, HttpApiRequests.Subscribe(fields), control.SubscribeAsync, NoFields, cancellation),
        "connections" => RunAsync(fields, HttpApiRequests.Connections(fields), directory.ConnectionsAsync, HttpApiJson.Connections, cancellation),
        "batch" => BatchAsync(fields, cancellation),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "not a server API method"),
    };

    /// <summary>A malformed body (a field of the wrong type) is a 400, like a body that is not JSON.</summary>
    public static HttpApiReply Malformed(string problem)
    {
        var error = ApiErrors.BadRequest(problem);
        return new HttpApiReply(StatusCodes.Status400BadRequest, HttpApiJson.Error(error), error.Code);
    }

    private async Task<HttpApiReply> BatchAsync(JsonRequestFields fields, CancellationToken cancellation)
    {
        if (!HttpApiBatch.TryParse(fields.Body, out var entries, out var parallel, out var problem))
        {
            return Malformed(problem!);
        }

        var outcome = await batch.RunAsync(entries, parallel, cancellation);
        return outcome.Error is { } error
            ? new HttpApiReply(StatusCodes.Status200OK, HttpApiJson.Error(error), error.Code)
            : new HttpApiReply(StatusCodes.Status200OK, HttpApiJson.Batch(outcome.Result!), 0);
    }

    private static async Task<HttpApiReply> RunAsync<TRequest, TResult>(
        JsonRequestFields fields,
        TRequest request,
        Func<TRequest, CancellationToken, Task<ApiOutcome<TResult>>> operation,
        Action<Utf8JsonWriter, TResult> writeResult,
        CancellationToken cancellation)
        where TResult : class
    {
        if (fields.Problem is { } problem)
        {
            return Malformed(problem);
        }

        var outcome = await operation(request, cancellation);
        return outcome.Error is { } error
            ? new HttpApiReply(StatusCodes.Status200OK, HttpApiJson.Error(error), error.Code)
            : new HttpApiReply(StatusCodes.Status200OK, HttpApiJson.Result(outcome.Result!, writeResult), 0);
    }

    private static void NoFields(Utf8JsonWriter writer, Empty result)
    {
    }
}
