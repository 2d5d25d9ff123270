using Classroom.Micro.ServiceDefaults.Resilience;
using Classroom.Micro.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Classroom.Micro.ServiceDefaults.Tests.Resilience;

/// <summary>The reconnect and retry backoff: Polly's exponential backoff with jitter, on the caller's clock.</summary>
public sealed class BackoffPipelineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly BackoffOptions Options = new() { BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromSeconds(2) };

    [Fact]
    public async Task The_waits_grow_with_each_failure_in_a_row_up_to_the_cap()
    {
        var work = new FailingWork(Options, new FakeTimeProvider(), randomizer: () => 0.5);

        var delays = await work.RunAsync(failures: 12);

        Assert.Equal(12, delays.Count);
        Assert.Equal(13, work.Attempts);
        Assert.All(delays, delay => Assert.InRange(delay, TimeSpan.FromMilliseconds(1), Options.MaxDelay));
        var capped = delays.ToList().IndexOf(Options.MaxDelay);
        Assert.True(capped > 2, $"the waits reach the cap after growing for a few tries: {string.Join(", ", delays)}");
        for (var i = 1; i < capped; i++)
        {
            Assert.True(delays[i] > delays[i - 1], $"wait {i} grows: {string.Join(", ", delays)}");
        }

        Assert.All(delays.Skip(capped), delay => Assert.Equal(Options.MaxDelay, delay));
    }

    [Fact]
    public async Task The_waits_have_jitter_so_many_retrying_loops_do_not_move_in_step()
    {
        var firstWaits = new HashSet<TimeSpan>();
        for (var i = 0; i < 10; i++)
        {
            var work = new FailingWork(Options, new FakeTimeProvider());
            var delays = await work.RunAsync(failures: 3);
            firstWaits.Add(delays[2]);
        }

        Assert.True(firstWaits.Count > 1, "ten loops chose more than one wait for their third retry");
    }

    [Fact]
    public async Task A_success_starts_the_next_run_of_failures_from_the_base_delay()
    {
        var work = new FailingWork(Options, new FakeTimeProvider(), randomizer: () => 0.5);
        var firstRun = await work.RunAsync(failures: 8);

        var afterSuccess = await work.RunAsync(failures: 2);

        Assert.Equal(firstRun.Take(2), afterSuccess);
        Assert.True(afterSuccess[0] < firstRun[^1]);
    }

    [Fact]
    public async Task The_wait_is_on_the_given_clock_and_no_retry_comes_before_it_moves()
    {
        var time = new FakeTimeProvider();
        var work = new FailingWork(Options, time, randomizer: () => 0.5);

        var run = work.StartAsync(failures: 1);
        await Eventually.HoldsAsync(() => work.Delays.Count == 1, Timeout, "the first failure is retried after a wait");
        time.Advance(work.Delays[0] - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, work.Attempts);
        Assert.False(run.IsCompleted);

        await Eventually.HoldsAsync(
            () =>
            {
                time.Advance(TimeSpan.FromMilliseconds(1));
                return run.IsCompleted;
            },
            Timeout,
            "the retry runs once the clock passed the wait",
            TimeSpan.FromMilliseconds(1));
        await run;
        Assert.Equal(2, work.Attempts);
    }

    [Fact]
    public async Task A_failure_the_loop_does_not_retry_ends_it_at_once()
    {
        var pipeline = ResiliencePipelines.Backoff(Options, new FakeTimeProvider(), exception => exception is InvalidOperationException);
        var attempts = 0;

        await Assert.ThrowsAsync<ArgumentException>(async () => await pipeline.ExecuteAsync(
            _ =>
            {
                attempts++;
                throw new ArgumentException("a wrong request, not a dependency that is down");
            },
            TestContext.Current.CancellationToken));

        Assert.Equal(1, attempts);
    }
}
