using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Classroom.Micro.ServiceDefaults.Resilience;

/// <summary>
/// The house's Polly pipelines, on the caller's <see cref="TimeProvider"/> so tests drive them with a fake clock:
/// a retry with exponential backoff and jitter for reconnect and retry loops, and a circuit breaker for calls to a
/// dependency that should stop being hammered while it is down.
/// </summary>
public static class ResiliencePipelines
{
    /// <summary>
    /// Retries, without limit, every failure <paramref name="retryOn"/> accepts, waiting <see cref="BackoffOptions"/>
    /// between tries (Polly's decorrelated jitter around an exponential curve, capped). Cancellation ends it.
    /// <paramref name="randomizer"/> replaces the jitter's randomness (tests).
    /// </summary>
    public static ResiliencePipeline Backoff(
        BackoffOptions options,
        TimeProvider time,
        Func<Exception, bool> retryOn,
        Func<OnRetryArguments<object>, ValueTask>? onRetry = null,
        Func<double>? randomizer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(retryOn);
        var retry = new RetryStrategyOptions
        {
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            MaxRetryAttempts = int.MaxValue,
            ShouldHandle = arguments => ValueTask.FromResult(
                arguments.Outcome.Exception is { } exception
                && exception is not OperationCanceledException
                && !arguments.Context.CancellationToken.IsCancellationRequested
                && retryOn(exception)),
            OnRetry = onRetry,
        };
        if (randomizer is not null)
        {
            retry.Randomizer = randomizer;
        }

        return new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(retry).Build();
    }

    /// <summary>
    /// A circuit breaker over the failures <paramref name="failureOn"/> accepts (other outcomes count as successes).
    /// While open, executions throw <see cref="BrokenCircuitException"/> without running.
    /// </summary>
    public static ResiliencePipeline Breaker(
        BreakerOptions options,
        TimeProvider time,
        Func<Exception, bool> failureOn,
        CircuitBreakerStateProvider? state = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(failureOn);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Exception is { } exception && failureOn(exception)),
                StateProvider = state,
            })
            .Build();
    }
}
