using System.Text.Json;
using Classroom.Micro.Api.ServerApi.Bodies;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// The body of <c>POST /api/batch</c>: <c>{"commands":[{"publish":{…}},{"broadcast":{…}}],"parallel":false}</c>. A body of
/// the wrong shape (commands not an array of objects) is a 400 like any undecodable body; a command naming no known
/// method, or with a malformed parameter, is answered on its own with 104 or 107 while the others run.
/// </summary>
internal static class HttpApiBatch
{
    /// <summary>The entries and <c>parallel</c>, or <paramref name="problem"/> naming what is wrong with the body.</summary>
    public static bool TryParse(JsonElement body, out List<BatchEntry> entries, out bool parallel, out string? problem)
    {
        entries = [];
        parallel = false;
        if (!RequestBodiesContext.TryBind(body, RequestBodiesContext.Default.BatchBody, out var batch, out problem))
        {
            return false;
        }

        parallel = batch.Parallel ?? false;
        if (batch.Commands is not { ValueKind: not JsonValueKind.Null } commands)
        {
            return true;
        }

        if (commands.ValueKind != JsonValueKind.Array)
        {
            problem = "commands must be an array of objects";
            return false;
        }

        var index = 0;
        foreach (var command in commands.EnumerateArray())
        {
            if (command.ValueKind != JsonValueKind.Object)
            {
                problem = $"commands[{index}] must be an object";
                return false;
            }

            var methods = command.EnumerateObject().Where(property => property.Value.ValueKind != JsonValueKind.Null).ToList();
            entries.Add(methods.Count == 1
                ? HttpApiCommands.Parse(methods[0].Name, methods[0].Value)
                : ApiErrors.BadRequest($"commands[{index}] must name exactly one method"));
            index++;
        }

        return true;
    }
}
