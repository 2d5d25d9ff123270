using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Classroom.Micro.ServiceDefaults.InternalPlane;

/// <summary>
/// Refuses every gRPC call that does not carry this deployment's internal key with <see cref="StatusCode.Unauthenticated"/>.
/// The standard health service stays open (probes and load balancers carry no key).
/// </summary>
internal sealed class InternalCallerInterceptor(InternalKey key, ILogger<InternalCallerInterceptor> logger) : Interceptor
{
    private const string HealthServicePrefix = "/grpc.health.v1.Health/";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Check(ServerCallContext context)
    {
        if (context.Method.StartsWith(HealthServicePrefix, StringComparison.Ordinal))
        {
            return;
        }

        if (!key.Matches(context.RequestHeaders.GetValue(InternalKey.HeaderName)))
        {
            InternalPlaneLog.CallerRefused(logger, context.Method, context.Peer);
            throw new RpcException(new Status(StatusCode.Unauthenticated, "internal credential missing or wrong"));
        }
    }
}
