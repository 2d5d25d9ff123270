using System.Text.Json;
using Classroom.Micro.Auth.Tokens;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Auth.DevTokens;

internal static class DevTokenEndpoints
{
    public const string Path = "/dev/token";

    public static IHostApplicationBuilder AddDevTokens(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DevTokenIssuer>();
        return builder;
    }

    /// <summary>
    /// Maps <c>POST /dev/token</c> only when <c>Auth:DevTokens:Enabled</c> is true <em>and</em> the environment is
    /// Development; otherwise the route does not exist. Either alone (a stray <c>ASPNETCORE_ENVIRONMENT</c>, a copied
    /// setting) is not enough to mint tokens for anyone who asks.
    /// </summary>
    public static WebApplication MapDevTokens(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.DevTokens;
        if (!options.Enabled || !app.Environment.IsDevelopment())
        {
            if (options.Enabled)
            {
                DevTokensLog.IgnoredOutsideDevelopment(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DevTokenIssuer).Namespace!), app.Environment.EnvironmentName);
            }

            return app;
        }

        DevTokensLog.Enabled(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DevTokenIssuer).Namespace!), options.Lifetime);
        app.MapPost(Path, IssueAsync);
        return app;
    }

    private static async Task<IResult> IssueAsync(HttpRequest http, DevTokenIssuer issuer, CancellationToken cancellationToken)
    {
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(http.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["must be a JSON object"] });
        }

        using (body)
        {
            if (!DevTokenRequest.TryRead(body.RootElement, out var request, out var errors))
            {
                return Results.ValidationProblem(errors);
            }

            return Results.Ok(new DevTokenResponse(issuer.Issue(request!)));
        }
    }
}
