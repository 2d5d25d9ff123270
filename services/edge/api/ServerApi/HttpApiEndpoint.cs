using Classroom.Micro.ServiceDefaults.Http;
using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// <c>POST /api/&lt;method&gt;</c> with a JSON body, as Centrifugo's HTTP API: 401 without a valid key, 404 for an
/// unknown method, 400 for a body that is not a JSON object, 413 for one that is too large; otherwise 200 with
/// <c>{"result":…}</c> or <c>{"error":…}</c>. Any other HTTP method gets 405. <c>POST /api</c> takes the older
/// newline-separated command format instead of one method's JSON object.
/// </summary>
internal sealed class HttpApiEndpoint(
    ApiKeys keys,
    ApiAuthFailures failures,
    HttpApiMethods methods,
    HttpApiPipeline pipeline,
    IOptions<ServerApiOptions> options,
    ServerApiMetrics metrics,
    ILogger<HttpApiEndpoint> logger)
{
    public const string Pattern = "/api/{method}";

    /// <summary><c>POST /api</c>: Centrifugo's older newline-separated command format (see <see cref="HttpApiPipeline"/>).</summary>
    public const string PipelinePattern = "/api";

    /// <summary>The method <c>POST /api</c> is handled as: no <c>/api/{method}</c> route value can be empty.</summary>
    public const string PipelineMethod = "";

    private const string JsonContentType = "application/json";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public async Task HandleAsync(HttpContext context, string method)
    {
        // Answered here, not left to routing: with the gRPC services mapped, routing answers such a request with 404.
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = HttpMethods.Post;
            return;
        }

        var address = ClientAddress.Of(context);
        if (!failures.Allows(address))
        {
            ServerApiLog.LockedOut(logger, Label(method), ServerApiMetrics.Http, address);
            metrics.Called(Label(method), ServerApiMetrics.Http, ApiErrors.TooManyRequests.Code);
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(failures.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many failed authentications",
                detail: "Too many calls with a missing or wrong API key came from this address; try again later.").ExecuteAsync(context);
            return;
        }

        HttpApiReply reply;
        try
        {
            reply = await ReplyAsync(context, method);
        }
        catch (Exception exception) when (exception is OperationCanceledException or RpcException && context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nobody is left to answer.
            return;
        }

        metrics.Called(Label(method), ServerApiMetrics.Http, reply.Outcome);
        if (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        context.Response.StatusCode = reply.StatusCode;
        context.Response.ContentType = JsonContentType;
        context.Response.ContentLength = reply.Body.Length;
        await context.Response.Body.WriteAsync(reply.Body, context.RequestAborted);
    }

    private async Task<HttpApiReply> ReplyAsync(HttpContext context, string method)
    {
        var request = context.Request;
        if (!keys.Accepts(ApiCredentials.Presented(request.Headers[ApiCredentials.ApiKeyHeader], request.Headers.Authorization)))
        {
            var address = ClientAddress.Of(context);
            failures.Failed(address);
            ServerApiLog.Unauthenticated(logger, Label(method), ServerApiMetrics.Http, address);
            context.Response.Headers.WWWAuthenticate = ApiCredentials.Scheme;
            return Failure(StatusCodes.Status401Unauthorized, ApiErrors.Unauthorized);
        }

        if (!Known(method))
        {
            return Failure(StatusCodes.Status404NotFound, ApiErrors.MethodNotFound);
        }

        var body = await ReadBodyAsync(context, options.Value.MaxRequestBytes);
        if (body is null)
        {
            return Failure(StatusCodes.Status413PayloadTooLarge, ApiErrors.BadRequest($"body must be at most {options.Value.MaxRequestBytes} bytes"));
        }

        if (method == PipelineMethod)
        {
            return await pipeline.InvokeAsync(body, context.RequestAborted);
        }

        JsonDocument document;
        try
        {
            // An empty body is an empty request: `info` and friends are often sent without one.
            document = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body, DocumentOptions);
        }
        catch (JsonException)
        {
            return HttpApiMethods.Malformed("body must be a JSON object");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return HttpApiMethods.Malformed("body must be a JSON object");
            }

            return await methods.InvokeAsync(method, document.RootElement, context.RequestAborted);
        }
    }

    /// <summary>The whole body, or null when it is larger than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, int limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = limit;
        }

        using var buffer = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }

    private static bool Known(string method) => method == PipelineMethod || HttpApiMethods.Names.Contains(method);

    /// <summary>The method as metrics and logs name it: only known names, so a caller cannot grow the label set.</summary>
    private static string Label(string method) => method == PipelineMethod ? "pipeline" : Known(method) ? method : "unknown";

    private static HttpApiReply Failure(int statusCode, ApiError error) => new(statusCode, HttpApiJson.Error(error), error.Code);
}
