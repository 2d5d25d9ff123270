using Classroom.Micro.ServiceDefaults.Resilience;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using Xunit;

namespace Classroom.Micro.ServiceDefaults.Tests.Resilience;

/// <summary>
/// The circuit breaker in front of a dependency's unary calls: opens when enough calls say the dependency is down,
/// then answers UNAVAILABLE at once without calling, and lets one probe through after the break.
/// </summary>
public sealed class CircuitBreakerInterceptorTests
{
    private static readonly BreakerOptions Options = new()
    {
        FailureRatio = 0.5,
        MinimumThroughput = 4,
        SamplingDuration = TimeSpan.FromSeconds(10),
        BreakDuration = TimeSpan.FromSeconds(1),
    };

    private static readonly Method<string, string> Lookup = new(
        MethodType.Unary,
        "classroom.test.v1.Dependency",
        "Lookup",
        Marshallers.Create(System.Text.Encoding.UTF8.GetBytes, System.Text.Encoding.UTF8.GetString),
        Marshallers.Create(System.Text.Encoding.UTF8.GetBytes, System.Text.Encoding.UTF8.GetString));

    [Fact]
    public async Task Calls_fail_at_once_as_unavailable_while_the_dependency_is_down()
    {
        var dependency = new ScriptedDependency { Answer = StatusCode.Unavailable };
        var state = new CircuitBreakerStateProvider();
        var client = Guarded(dependency, new FakeTimeProvider(), state);

        for (var i = 0; i < Options.MinimumThroughput; i++)
        {
            await AssertFailsAsync(client, StatusCode.Unavailable);
        }

        Assert.Equal(CircuitState.Open, state.CircuitState);
        var callsBefore = dependency.Calls;
        var refused = await AssertFailsAsync(client, StatusCode.Unavailable);
        Assert.Equal(callsBefore, dependency.Calls);
        Assert.Contains("auth", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_break_one_probe_is_let_through_and_its_success_closes_the_breaker()
    {
        var dependency = new ScriptedDependency { Answer = StatusCode.DeadlineExceeded };
        var time = new FakeTimeProvider();
        var state = new CircuitBreakerStateProvider();
        var client = Guarded(dependency, time, state);
        for (var i = 0; i < Options.MinimumThroughput; i++)
        {
            await AssertFailsAsync(client, StatusCode.DeadlineExceeded);
        }

        Assert.Equal(CircuitState.Open, state.CircuitState);
        await AssertFailsAsync(client, StatusCode.Unavailable);

        time.Advance(Options.BreakDuration);
        dependency.Answer = StatusCode.OK;
        var callsBefore = dependency.Calls;
        Assert.Equal("answer", await client.AsyncUnaryCall(Lookup, null, default, "question"));

        Assert.Equal(callsBefore + 1, dependency.Calls);
        Assert.Equal(CircuitState.Closed, state.CircuitState);
        Assert.Equal("answer", await client.AsyncUnaryCall(Lookup, null, default, "question"));
    }

    [Fact]
    public async Task A_probe_that_fails_opens_the_breaker_for_another_break()
    {
        var dependency = new ScriptedDependency { Answer = StatusCode.Unavailable };
        var time = new FakeTimeProvider();
        var state = new CircuitBreakerStateProvider();
        var client = Guarded(dependency, time, state);
        for (var i = 0; i < Options.MinimumThroughput; i++)
        {
            await AssertFailsAsync(client, StatusCode.Unavailable);
        }

        time.Advance(Options.BreakDuration);
        var callsBefore = dependency.Calls;
        await AssertFailsAsync(client, StatusCode.Unavailable);

        Assert.Equal(callsBefore + 1, dependency.Calls);
        Assert.Equal(CircuitState.Open, state.CircuitState);
        await AssertFailsAsync(client, StatusCode.Unavailable);
        Assert.Equal(callsBefore + 1, dependency.Calls);
    }

    [Fact]
    public async Task Answers_that_blame_the_request_never_open_the_breaker()
    {
        var dependency = new ScriptedDependency { Answer = StatusCode.PermissionDenied };
        var state = new CircuitBreakerStateProvider();
        var client = Guarded(dependency, new FakeTimeProvider(), state);

        for (var i = 0; i < Options.MinimumThroughput * 3; i++)
        {
            await AssertFailsAsync(client, StatusCode.PermissionDenied);
        }

        Assert.Equal(CircuitState.Closed, state.CircuitState);
        Assert.Equal(Options.MinimumThroughput * 3, dependency.Calls);
    }

    private static CallInvoker Guarded(ScriptedDependency dependency, TimeProvider time, CircuitBreakerStateProvider state) =>
        dependency.Intercept(new CircuitBreakerInterceptor("auth", Options, time, state));

    private static async Task<RpcException> AssertFailsAsync(CallInvoker client, StatusCode expected)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.AsyncUnaryCall(Lookup, null, default, "question"));
        Assert.Equal(expected, error.StatusCode);
        return error;
    }

    /// <summary>A dependency whose every unary call gets the status the test set (OK answers "answer").</summary>
    private sealed class ScriptedDependency : CallInvoker
    {
        private int _calls;

        public StatusCode Answer { get; set; }

        public int Calls => Volatile.Read(ref _calls);

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        {
            Interlocked.Increment(ref _calls);
            var status = new Status(Answer, Answer.ToString());
            var response = Answer == StatusCode.OK
                ? Task.FromResult((TResponse)(object)"answer")
                : Task.FromException<TResponse>(new RpcException(status));
            return new AsyncUnaryCall<TResponse>(response, Task.FromResult(new Metadata()), () => status, () => [], () => { });
        }

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new NotSupportedException();

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new NotSupportedException();
    }
}
