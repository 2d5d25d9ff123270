using System.Text.Json;
using Classroom.Micro.Api.ServerApi.Bodies;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// <c>POST /api</c> with Centrifugo's older command format, which client libraries still send for pipelines (cent.js
/// <c>pipeline()</c>): newline-separated <c>{"method":"publish","params":{…},"id":N}</c> commands, run one after another,
/// answered with one <c>{"id":N,"result":{…}}</c> or <c>{"id":N,"error":{…}}</c> line per command, in order.
/// </summary>
internal sealed class HttpApiPipeline(ServerBatch batch)
{
    // Centrifugo's numeric method ids, which the format also accepts in place of the name.
    private static readonly string[] MethodsById =
        ["publish", "broadcast", "unsubscribe", "disconnect", "presence", "presence_stats", "history", "history_remove", "channels", "info"];

    private static readonly JsonReaderOptions ReaderOptions = new() { AllowMultipleValues = true, MaxDepth = 64 };

    public async Task<HttpApiReply> InvokeAsync(byte[] body, CancellationToken cancellation)
    {
        var ids = new List<uint>();
        var entries = new List<BatchEntry>();
        try
        {
            var reader = new Utf8JsonReader(body, ReaderOptions);
            while (reader.Read())
            {
                using var document = JsonDocument.ParseValue(ref reader);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return HttpApiMethods.Malformed($"command {entries.Count} must be a JSON object");
                }

                if (!RequestBodiesContext.TryBind(document.RootElement, RequestBodiesContext.Default.PipelineCommandBody, out var command, out var problem))
                {
                    return HttpApiMethods.Malformed($"command {entries.Count}: {problem}");
                }

                ids.Add(command.Id ?? 0);
                entries.Add(Entry(command));
            }
        }
        catch (JsonException)
        {
            return HttpApiMethods.Malformed("body must be newline-separated JSON commands");
        }

        if (entries.Count == 0)
        {
            return HttpApiMethods.Malformed("body must hold at least one command");
        }

        var outcome = await batch.RunAsync(entries, parallel: false, cancellation);
        if (outcome.Error is { } error)
        {
            return new HttpApiReply(StatusCodes.Status200OK, HttpApiJson.Error(error), error.Code);
        }

        return new HttpApiReply(StatusCodes.Status200OK, HttpApiJson.Lines(ids, outcome.Result!), 0);
    }

    private static BatchEntry Entry(PipelineCommandBody command)
    {
        if (command.Method is not { ValueKind: not JsonValueKind.Null } method)
        {
            return ApiErrors.BadRequest("method is required");
        }

        var name = method.ValueKind switch
        {
            JsonValueKind.String => method.GetString()!.ToLowerInvariant(),
            JsonValueKind.Number when method.TryGetInt32(out var id) && id >= 0 && id < MethodsById.Length => MethodsById[id],
            _ => null,
        };
        if (name is null)
        {
            return ApiErrors.MethodNotFound;
        }

        return HttpApiCommands.Parse(name, command.Params ?? default);
    }
}
