using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Classroom.Micro.ServiceDefaults.InternalPlane;

/// <summary>
/// Admits a gRPC call only from a caller that proves who it is (<see cref="StatusCode.Unauthenticated"/> otherwise)
/// and that the method's allow list names (<see cref="StatusCode.PermissionDenied"/> otherwise). The standard health
/// service stays open (probes and load balancers carry no assertion).
/// </summary>
internal sealed class InternalCallerInterceptor(
    CallerAssertionValidator validator, InternalCallerPolicy policy, InternalPlaneMetrics metrics, ILogger<InternalCallerInterceptor> logger) : Interceptor
{
    private const string HealthServicePrefix = "/grpc.health.v1.Health/";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await CheckAsync(context);
        return await continuation(request, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await CheckAsync(context);
        return await continuation(requestStream, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await CheckAsync(context);
        await continuation(request, responseStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await CheckAsync(context);
        await continuation(requestStream, responseStream, context);
    }

    private async ValueTask CheckAsync(ServerCallContext context)
    {
        if (context.Method.StartsWith(HealthServicePrefix, StringComparison.Ordinal))
        {
            return;
        }

        var check = await validator.CheckAsync(context.RequestHeaders.GetValue(CallerCredential.HeaderName));
        if (check.Caller is not { } caller)
        {
            metrics.Unauthenticated(context.Method);
            InternalPlaneLog.CallerUnauthenticated(logger, context.Method, context.Peer, check.Reason);
            throw new RpcException(new Status(StatusCode.Unauthenticated, "internal caller not proven: " + check.Reason));
        }

        if (!policy.Allows(context.Method, caller))
        {
            metrics.Denied(context.Method, caller);
            InternalPlaneLog.CallerDenied(logger, context.Method, caller, context.Peer);
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"caller {caller} may not call {context.Method}"));
        }
    }
}
