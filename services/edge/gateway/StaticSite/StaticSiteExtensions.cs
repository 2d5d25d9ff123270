namespace Classroom.Micro.Gateway.StaticSite;

internal static class StaticSiteExtensions
{
    private const string ReferrerPolicy = "Referrer-Policy";

    /// <remarks>
    /// The page holds a connection token, so it runs only its own bundled script and talks only to its own origin
    /// (<c>'self'</c> covers the same-origin WebSocket); inline style attributes are refused too, styles are set
    /// through the CSSOM. Framing stays allowed: a school's portal may embed the classroom.
    /// </remarks>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>
    /// Serves the classroom web app (<c>web/</c>, bundled into <c>wwwroot</c> at build time) at <c>/</c>. Runs before
    /// the proxy's endpoints but never shadows them: static files answer only requests no endpoint matched, so
    /// <c>/connection/websocket</c>, <c>/dev/token</c> and <c>/health/*</c> are untouched.
    /// </summary>
    public static WebApplication UseClassroomWebApp(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = static context =>
            {
                var headers = context.Context.Response.Headers;
                // File names are stable across builds: revalidate (ETag, 304) so a new build is picked up at once.
                headers.CacheControl = "no-cache";
                headers.XContentTypeOptions = "nosniff";
                if (context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers[ReferrerPolicy] = "no-referrer";
                }
            },
        });
        return app;
    }
}
