using Classroom.Micro.ServiceDefaults.Resilience;
using Classroom.Micro.Testing;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace Classroom.Micro.ServiceDefaults.Tests.Resilience;

/// <summary>
/// Work that fails a given number of times and then succeeds, run through a <see cref="ResiliencePipelines.Backoff"/>
/// pipeline on a fake clock: records every wait the pipeline chose, and moves the clock only when asked.
/// </summary>
internal sealed class FailingWork
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly List<TimeSpan> _delays = [];
    private int _failuresLeft;
    private int _attempts;

    public FailingWork(BackoffOptions options, FakeTimeProvider time, Func<double>? randomizer = null)
    {
        Time = time;
        Options = options;
        Pipeline = ResiliencePipelines.Backoff(
            options,
            time,
            exception => exception is InvalidOperationException,
            onRetry: arguments =>
            {
                lock (_delays)
                {
                    _delays.Add(arguments.RetryDelay);
                }

                return ValueTask.CompletedTask;
            },
            randomizer);
    }

    public FakeTimeProvider Time { get; }

    public BackoffOptions Options { get; }

    public ResiliencePipeline Pipeline { get; }

    public int Attempts => Volatile.Read(ref _attempts);

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_delays)
            {
                return [.. _delays];
            }
        }
    }

    /// <summary>Starts one execution that fails <paramref name="failures"/> times; the clock does not move by itself.</summary>
    public Task StartAsync(int failures)
    {
        Volatile.Write(ref _failuresLeft, failures);
        return Pipeline.ExecuteAsync(
            static (work, _) =>
            {
                Interlocked.Increment(ref work._attempts);
                return Interlocked.Decrement(ref work._failuresLeft) >= 0
                    ? ValueTask.FromException(new InvalidOperationException("the dependency is down"))
                    : ValueTask.CompletedTask;
            },
            this,
            CancellationToken.None).AsTask();
    }

    /// <summary>
    /// Runs one execution to its end, moving the clock by the longest wait whenever the pipeline is waiting, and
    /// returns the waits it chose.
    /// </summary>
    public async Task<IReadOnlyList<TimeSpan>> RunAsync(int failures)
    {
        var before = Delays.Count;
        var run = StartAsync(failures);
        await Eventually.HoldsAsync(
            () =>
            {
                // A wait is never longer than MaxDelay, so one step ends it once its timer is set.
                Time.Advance(Options.MaxDelay);
                return run.IsCompleted;
            },
            Timeout,
            "the work succeeds once its failures are retried",
            TimeSpan.FromMilliseconds(1));
        await run;
        return Delays.Skip(before).ToList();
    }
}
