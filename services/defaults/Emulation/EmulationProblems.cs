using Microsoft.AspNetCore.Http;

namespace Classroom.Micro.ServiceDefaults.Emulation;

/// <summary>The answers, as problem details, to an <c>/emulation</c> request that cannot be read, at the gateway and the edge alike.</summary>
public static class EmulationProblems
{
    /// <summary>413: the body is over <paramref name="setting"/> (the name of the bound that refused it).</summary>
    public static Task TooLargeAsync(HttpContext context, string setting) => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Emulation request too large",
        detail: $"An emulation request body may hold at most {setting} bytes.").ExecuteAsync(context);

    /// <summary>400: the body is not the envelope the centrifuge SDKs send.</summary>
    public static Task MalformedAsync(HttpContext context) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Malformed emulation request",
        detail: "Expected a JSON object {\"session\", \"node\", \"data\"} as the centrifuge SDK sends it.").ExecuteAsync(context);
}
