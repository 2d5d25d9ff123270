using System.Net;
using System.Threading.RateLimiting;
using Classroom.Micro.Gateway.Routing;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Gateway.Limits;

/// <summary>
/// Limits new connections (<c>/connection/*</c>) per client address with a token bucket: <see
/// cref="GatewayOptions.ConnectRateBurst"/> at once, refilled at <see cref="GatewayOptions.ConnectRatePerSecond"/>. A
/// whole school behind one NAT address joins at the bell, so the defaults are generous; a flood from one address gets
/// 429 with problem details and <c>Retry-After</c>, and the SDK retries with backoff. Emulation requests are not
/// connects and are not counted.
/// </summary>
internal sealed class ConnectRateLimit : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter;
    private readonly ILogger<ConnectRateLimit> _logger;

    public ConnectRateLimit(IOptions<GatewayOptions> options, ILogger<ConnectRateLimit> logger)
    {
        var settings = options.Value;
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.ConnectRateBurst,
            TokensPerPeriod = settings.ConnectRatePerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _limiter = PartitionedRateLimiter.Create<HttpContext, IPAddress>(context =>
            RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress ?? IPAddress.None, _ => bucket));
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        using (var lease = _limiter.AttemptAcquire(context))
        {
            if (!lease.IsAcquired)
            {
                LimitsLog.ConnectLimited(_logger);
                context.Response.Headers.RetryAfter = "1";
                await Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many connection attempts",
                    detail: "This address opened more connections than Gateway:ConnectRateBurst and Gateway:ConnectRatePerSecond allow; retry shortly.").ExecuteAsync(context);
                return;
            }
        }

        await next();
    }

    public void Dispose() => _limiter.Dispose();
}
