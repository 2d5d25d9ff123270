using Classroom.Micro.Gateway.Routing;

namespace Classroom.Micro.Gateway.Origins;

/// <summary>
/// CORS for the HTTP fallbacks, so a school portal on another allowed origin can use them as it uses the WebSocket
/// (which needs no CORS). centrifuge-js posts JSON with <c>mode: 'cors'</c> and <c>credentials: 'same-origin'</c>,
/// so a cross-origin HTTP-streaming connect or emulation request is preflighted, and an EventSource reads its stream
/// only with <c>Access-Control-Allow-Origin</c>. Only origins <see cref="ConnectionOriginCheck"/> already allowed get
/// here, and no credentials are ever allowed: the token travels in the connect command, never in a cookie.
/// </summary>
internal static class EmulationCors
{
    private const string AllowedMethods = "GET, POST";
    private const string AllowedHeaders = "Content-Type, Accept";
    private const string PreflightMaxAgeSeconds = "600";

    /// <summary>Whether <paramref name="path"/> is one of the HTTP fallbacks (HTTP-streaming, SSE, emulation).</summary>
    public static bool Covers(PathString path) =>
        path.Equals(ProxyConfigFactory.HttpStreamPath, StringComparison.OrdinalIgnoreCase)
        || path.Equals(ProxyConfigFactory.SsePath, StringComparison.OrdinalIgnoreCase)
        || path.Equals(ProxyConfigFactory.EmulationPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// For an allowed cross-origin request: answers a preflight here (true: nothing to forward), or marks the response
    /// readable by <paramref name="origin"/> and lets it go on (false).
    /// </summary>
    public static async Task<bool> AnswerAsync(HttpContext context, string origin)
    {
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.Vary = "Origin";
        if (!HttpMethods.IsOptions(context.Request.Method))
        {
            return false;
        }

        headers.AccessControlAllowMethods = AllowedMethods;
        headers.AccessControlAllowHeaders = AllowedHeaders;
        headers.AccessControlMaxAge = PreflightMaxAgeSeconds;
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        await context.Response.CompleteAsync();
        return true;
    }
}
