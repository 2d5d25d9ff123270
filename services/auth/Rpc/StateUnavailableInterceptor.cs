using Classroom.Micro.Auth.Moderation;
using Grpc.Core;
using Grpc.Core.Interceptors;
using StackExchange.Redis;

namespace Classroom.Micro.Auth.Rpc;

/// <summary>
/// Turns a Redis outage (moderation state unreadable) into <see cref="StatusCode.Unavailable"/>, so an edge answers its
/// client with a temporary error instead of a decision made without the state.
/// </summary>
internal sealed class StateUnavailableInterceptor(ILogger<StateUnavailableInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (exception is RedisConnectionException or RedisTimeoutException)
        {
            ModerationLog.StateUnavailable(logger, exception, context.Method);
            throw new RpcException(new Status(StatusCode.Unavailable, "moderation state is unavailable", exception));
        }
    }
}
