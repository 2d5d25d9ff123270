using Grpc.Core;
using Grpc.Core.Interceptors;
using Polly;
using Polly.CircuitBreaker;

namespace Classroom.Micro.ServiceDefaults.Resilience;

/// <summary>
/// A circuit breaker around the unary calls of one client (one dependency): when enough of them fail with
/// UNAVAILABLE or DEADLINE_EXCEEDED, further calls fail at once with UNAVAILABLE instead of each waiting for a
/// connect timeout or a deadline, until a probe after <see cref="BreakerOptions.BreakDuration"/> succeeds. Callers see
/// the same status as a dependency that is down (the edge answers its client 100, temporary). Streams are not
/// guarded: they reconnect on their own backoff.
/// </summary>
public sealed class CircuitBreakerInterceptor : Interceptor
{
    private readonly ResiliencePipeline _breaker;
    private readonly string _dependency;

    /// <summary>Creates the breaker for calls to <paramref name="dependency"/> (named in the UNAVAILABLE detail).</summary>
    public CircuitBreakerInterceptor(string dependency, BreakerOptions options, TimeProvider time, CircuitBreakerStateProvider? state = null)
    {
        _dependency = dependency;
        _breaker = ResiliencePipelines.Breaker(options, time, IsDependencyDown, state);
    }

    /// <summary>The failures that say the dependency is down or hung, not that the request was wrong.</summary>
    public static bool IsDependencyDown(Exception exception) =>
        exception is RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded };

    /// <inheritdoc />
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var started = new StartedCall<TRequest, TResponse>(request, context, continuation);
        var response = GuardAsync(started);
        return new AsyncUnaryCall<TResponse>(
            response,
            started.HeadersAsync(),
            started.GetStatus,
            started.GetTrailers,
            started.Dispose);
    }

    private async Task<TResponse> GuardAsync<TRequest, TResponse>(StartedCall<TRequest, TResponse> started)
        where TRequest : class
        where TResponse : class
    {
        try
        {
            return await _breaker.ExecuteAsync(
                static (started, _) => new ValueTask<TResponse>(started.Start()),
                started,
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (BrokenCircuitException exception)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"{_dependency} is failing; calls are paused briefly", exception));
        }
        finally
        {
            started.NotStarted();
        }
    }

    /// <summary>The call the breaker let through (none while it is open), for the headers, status and trailers.</summary>
    private sealed class StartedCall<TRequest, TResponse>(
        TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        private readonly TaskCompletionSource<AsyncUnaryCall<TResponse>?> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private AsyncUnaryCall<TResponse>? _call;

        public Task<TResponse> Start()
        {
            _call = continuation(request, context);
            _started.TrySetResult(_call);
            return _call.ResponseAsync;
        }

        /// <summary>Called when the guard ends: the call was refused, unless it had started.</summary>
        public void NotStarted() => _started.TrySetResult(null);

        public async Task<Metadata> HeadersAsync() =>
            await _started.Task.ConfigureAwait(false) is { } call ? await call.ResponseHeadersAsync.ConfigureAwait(false) : Metadata.Empty;

        public Status GetStatus() => _call?.GetStatus() ?? new Status(StatusCode.Unavailable, "not called: the circuit is open");

        public Metadata GetTrailers() => _call?.GetTrailers() ?? Metadata.Empty;

        public void Dispose() => _call?.Dispose();
    }
}
