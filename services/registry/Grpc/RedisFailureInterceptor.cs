using Classroom.Micro.Registry.Telemetry;
using Grpc.Core;
using Grpc.Core.Interceptors;
using StackExchange.Redis;

namespace Classroom.Micro.Registry.Grpc;

/// <summary>
/// Turns Redis outages into <see cref="StatusCode.Unavailable"/>, which callers retry (another replica, a moment
/// later), instead of the opaque <see cref="StatusCode.Unknown"/> an unhandled exception would produce. Every call
/// is Redis work, so its duration is the registry's Redis latency.
/// </summary>
internal sealed class RedisFailureInterceptor(RegistryMetrics metrics, TimeProvider time, ILogger<RedisFailureInterceptor> logger) : Interceptor
{
    // Server replies seen while a primary is being replaced or a cluster is resharding.
    private static readonly string[] TransientReplies = ["READONLY", "LOADING", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN"];

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var operation = Operation(context.Method);
        var started = time.GetTimestamp();
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            logger.RedisUnavailable(exception, context.Method);
            metrics.RedisFailed(operation);
            throw new RpcException(new Status(StatusCode.Unavailable, "Redis is unavailable", exception));
        }
        finally
        {
            metrics.RedisTook(operation, time.GetElapsedTime(started));
        }
    }

    /// <summary><c>/classroom.registry.v1.RegistryService/AddSubscription</c> → <c>AddSubscription</c>.</summary>
    private static string Operation(string method) => method[(method.LastIndexOf('/') + 1)..];

    private static bool IsUnavailable(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException => true,
        RedisServerException server => TransientReplies.Any(reply => server.Message.StartsWith(reply, StringComparison.Ordinal)),
        _ => false,
    };
}
