using System.Collections.Concurrent;
using Classroom.Micro.Fanout.Publishing;
using Classroom.Micro.Fanout.Storage;
using Classroom.Micro.Fanout.Tests.Support;
using Xunit;

namespace Classroom.Micro.Fanout.Tests.Publishing;

public sealed class ChannelBatchesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publishes_that_wait_behind_an_append_go_together_in_the_next_in_arrival_order()
    {
        var calls = new BlockingCollection<(string Channel, List<PendingPublish> Batch, TaskCompletionSource Release)>();
        var batches = new ChannelBatches((channel, batch) =>
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            calls.Add((channel, batch, release));
            return release.Task;
        });

        var first = Publish(batches, "classroom:1", "first");
        var (_, firstBatch, releaseFirst) = await TakeAsync(calls);
        var waiting = Enumerable.Range(0, 5).Select(i => Publish(batches, "classroom:1", $"w{i}")).ToList();
        var otherChannel = Publish(batches, "classroom:2", "other");
        var (otherName, otherBatch, releaseOther) = await TakeAsync(calls);

        Assert.Equal([first], firstBatch);
        Assert.Equal("classroom:2", otherName);
        Assert.Equal([otherChannel], otherBatch);
        releaseOther.SetResult();
        releaseFirst.SetResult();
        var (secondName, secondBatch, releaseSecond) = await TakeAsync(calls);
        releaseSecond.SetResult();

        Assert.Equal("classroom:1", secondName);
        Assert.Equal(waiting, secondBatch);
    }

    [Fact]
    public async Task A_channel_idle_again_appends_its_next_publish_at_once()
    {
        var calls = new BlockingCollection<List<PendingPublish>>();
        var batches = new ChannelBatches((_, batch) =>
        {
            calls.Add(batch);
            return Task.CompletedTask;
        });

        for (var i = 0; i < 3; i++)
        {
            var publish = Publish(batches, "classroom:1", $"p{i}");
            Assert.Equal([publish], await Task.Run(() => calls.Take(Cancel), Cancel).WaitAsync(Timeout, Cancel));
        }
    }

    [Fact]
    public async Task An_append_that_throws_fails_its_publishes_and_the_channel_carries_on()
    {
        var failing = true;
        var batches = new ChannelBatches((_, batch) =>
        {
            if (failing)
            {
                failing = false;
                throw new InvalidOperationException("boom");
            }

            foreach (var publish in batch)
            {
                publish.Succeed(new LogPosition(1, "e"));
            }

            return Task.CompletedTask;
        });

        var failed = Publish(batches, "classroom:1", "a");
        await Assert.ThrowsAsync<InvalidOperationException>(() => failed.Completion.WaitAsync(Timeout, Cancel));
        var next = Publish(batches, "classroom:1", "b");
        Assert.Equal(1UL, (await next.Completion.WaitAsync(Timeout, Cancel)).Offset);
    }

    private static PendingPublish Publish(ChannelBatches batches, string channel, string name)
    {
        var publish = new PendingPublish(Publications.Json($"{{\"name\":\"{name}\"}}"), null, string.Empty);
        batches.Add(channel, publish);
        return publish;
    }

    private static async Task<T> TakeAsync<T>(BlockingCollection<T> calls) => await Task.Run(() => calls.Take(Cancel), Cancel).WaitAsync(Timeout, Cancel);
}
