using System.Collections.Frozen;
using System.Text.Json;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// The HTTP API's methods by name (<c>POST /api/&lt;method&gt;</c>): the body is parsed into the contract's command
/// (<see cref="HttpApiCommands"/>) and run by <see cref="ServerApiDispatcher"/>; <c>batch</c> runs its commands the same way.
/// </summary>
internal sealed class HttpApiMethods(ServerApiDispatcher dispatcher, ServerBatch batch)
{
    /// <summary>Every method name, as Centrifugo spells it.</summary>
    public static readonly FrozenSet<string> Names = FrozenSet.Create(StringComparer.Ordinal, [.. HttpApiCommands.Names, "batch"]);

    /// <summary>Runs <paramref name="method"/>, which must be one of <see cref="Names"/>.</summary>
    public async Task<HttpApiReply> InvokeAsync(string method, JsonElement body, CancellationToken cancellation)
    {
        if (method == "batch")
        {
            return await BatchAsync(body, cancellation);
        }

        if (!HttpApiCommands.TryParse(method, body, out var command, out var problem))
        {
            return Malformed(problem!);
        }

        var outcome = await dispatcher.RunAsync(command, cancellation);
        return outcome.Error is { } error
            ? new HttpApiReply(StatusCodes.Status200OK, HttpApiJson.Error(error), error.Code)
            : new HttpApiReply(StatusCodes.Status200OK, HttpApiJson.Result(outcome.Result!), 0);
    }

    /// <summary>A malformed body (a field of the wrong type) is a 400, like a body that is not JSON.</summary>
    public static HttpApiReply Malformed(string problem)
    {
        var error = ApiErrors.BadRequest(problem);
        return new HttpApiReply(StatusCodes.Status400BadRequest, HttpApiJson.Error(error), error.Code);
    }

    private async Task<HttpApiReply> BatchAsync(JsonElement body, CancellationToken cancellation)
    {
        if (!HttpApiBatch.TryParse(body, out var entries, out var parallel, out var problem))
        {
            return Malformed(problem!);
        }

        var outcome = await batch.RunAsync(entries, parallel, cancellation);
        return outcome.Error is { } error
            ? new HttpApiReply(StatusCodes.Status200OK, HttpApiJson.Error(error), error.Code)
            : new HttpApiReply(StatusCodes.Status200OK, HttpApiJson.Batch(outcome.Result!), 0);
    }
}
