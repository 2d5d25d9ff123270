using Classroom.Micro.Fanout.Storage;
using Classroom.Micro.Testing;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Storage;

public sealed class ReplicaWaitRoundTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Callers_who_ask_while_a_wait_is_in_flight_share_the_next_wait_sent_after_it()
    {
        var sent = new List<TaskCompletionSource<int>>();
        var round = new ReplicaWaitRound(() =>
        {
            var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (sent)
            {
                sent.Add(reply);
            }

            return reply.Task;
        });

        var first = round.JoinAsync();
        var second = round.JoinAsync();
        var third = round.JoinAsync();
        Assert.Single(sent);
        Assert.False(second.IsCompleted);

        sent[0].SetResult(1);
        Assert.Equal(1, await first.WaitAsync(Timeout, TestContext.Current.CancellationToken));
        await Eventually.HoldsAsync(() => { lock (sent) { return sent.Count == 2; } }, Timeout, "the second round is sent");
        Assert.False(second.IsCompleted);

        sent[1].SetResult(2);
        Assert.Equal(2, await second.WaitAsync(Timeout, TestContext.Current.CancellationToken));
        Assert.Equal(2, await third.WaitAsync(Timeout, TestContext.Current.CancellationToken));
        Assert.Equal(2, sent.Count);
    }

    [Fact]
    public async Task A_failed_wait_fails_its_round_and_the_next_round_is_sent_anew()
    {
        var calls = 0;
        var round = new ReplicaWaitRound(() => Interlocked.Increment(ref calls) == 1
            ? Task.FromException<int>(new TimeoutException("redis"))
            : Task.FromResult(1));

        await Assert.ThrowsAsync<TimeoutException>(() => round.JoinAsync().WaitAsync(Timeout, TestContext.Current.CancellationToken));

        Assert.Equal(1, await round.JoinAsync().WaitAsync(Timeout, TestContext.Current.CancellationToken));
    }
}
