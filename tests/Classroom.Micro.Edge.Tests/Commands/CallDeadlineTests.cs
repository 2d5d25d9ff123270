using Classroom.Micro.Auth.V1;
using Classroom.Micro.ServiceDefaults.Grpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Commands;

/// <summary>Edge → auth/registry calls carry a deadline, so a hung peer cannot stall a connection's commands.</summary>
public sealed class CallDeadlineTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_call_without_a_deadline_gets_the_upstream_timeout()
    {
        var recorder = new RecordingInvoker();
        var client = new AuthService.AuthServiceClient(recorder.Intercept(new CallDeadlineInterceptor(TimeSpan.FromSeconds(5), new FakeTimeProvider(Now))));

        await client.ValidateTokenAsync(new ValidateTokenRequest { Token = "t" }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(Now.UtcDateTime.AddSeconds(5), recorder.Deadline);
    }

    [Fact]
    public async Task A_call_with_its_own_deadline_keeps_it()
    {
        var recorder = new RecordingInvoker();
        var client = new AuthService.AuthServiceClient(recorder.Intercept(new CallDeadlineInterceptor(TimeSpan.FromSeconds(5), new FakeTimeProvider(Now))));
        var own = Now.UtcDateTime.AddSeconds(30);

        await client.ValidateTokenAsync(new ValidateTokenRequest { Token = "t" }, deadline: own, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(own, recorder.Deadline);
    }

    private sealed class RecordingInvoker : CallInvoker
    {
        public DateTime? Deadline { get; private set; }

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        {
            Deadline = options.Deadline;
            return new AsyncUnaryCall<TResponse>(Task.FromResult(Activator.CreateInstance<TResponse>()), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        }

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();
    }
}
