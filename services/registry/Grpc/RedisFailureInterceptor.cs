using Classroom.Micro.Registry.Telemetry;
using Grpc.Core;
using Grpc.Core.Interceptors;
using StackExchange.Redis;

namespace Classroom.Micro.Registry.Grpc;

/// <summary>
/// Turns Redis outages into <see cref="StatusCode.Unavailable"/>, which callers retry (another replica, a moment
/// later), instead of the opaque <see cref="StatusCode.Unknown"/> an unhandled exception would produce.
/// </summary>
internal sealed class RedisFailureInterceptor(ILogger<RedisFailureInterceptor> logger) : Interceptor
{
    // Server replies seen while a primary is being replaced or a cluster is resharding.
    private static readonly string[] TransientReplies = ["READONLY", "LOADING", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN"];

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            logger.RedisUnavailable(exception, context.Method);
            throw new RpcException(new Status(StatusCode.Unavailable, "Redis is unavailable", exception));
        }
    }

    private static bool IsUnavailable(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException => true,
        RedisServerException server => TransientReplies.Any(reply => server.Message.StartsWith(reply, StringComparison.Ordinal)),
        _ => false,
    };
}
