using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Classroom.Micro.ServiceDefaults.Grpc;

/// <summary>
/// Gives every unary call that has no deadline of its own one <c>timeout</c> from now, so a hung peer fails the call
/// with <see cref="StatusCode.DeadlineExceeded"/> instead of stalling its caller for ever.
/// </summary>
public sealed class CallDeadlineInterceptor(TimeSpan timeout, TimeProvider time) : Interceptor
{
    /// <inheritdoc />
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        if (context.Options.Deadline is null)
        {
            var options = context.Options.WithDeadline(time.GetUtcNow().UtcDateTime + timeout);
            context = new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, options);
        }

        return continuation(request, context);
    }
}
