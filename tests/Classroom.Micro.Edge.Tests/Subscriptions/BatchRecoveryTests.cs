using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Subscriptions;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Subscriptions;

public sealed class BatchRecoveryTests
{
    private const string Channel = "classroom:1";

    private readonly ScriptedStream _stream = new(Channel);

    [Fact]
    public async Task Many_recovering_joins_are_answered_from_one_read_each_with_exactly_what_it_missed()
    {
        Append(20);
        SubscribeCommand[] joins = [Recovering(3), Recovering(17), Recovering(20), Fresh(), Recovering(9)];

        var recoveries = await new BatchRecovery(Channel, _stream, maxRecoveredPublications: 1000).RecoverAsync(joins, _stream.Epoch, lastReleased: 20);

        Assert.Equal(1, _stream.PublicationReads);
        Assert.Equal(Range(4, 20), Offsets(recoveries[0]));
        Assert.Equal(Range(18, 20), Offsets(recoveries[1]));
        Assert.Equal([], Offsets(recoveries[2]));
        Assert.False(recoveries[3].Recovered);
        Assert.Empty(recoveries[3].Publications);
        Assert.Equal(Range(10, 20), Offsets(recoveries[4]));
    }

    [Fact]
    public async Task Joins_of_another_epoch_beyond_the_hub_or_past_the_count_limit_are_not_recovered_and_not_read_for()
    {
        Append(20);
        SubscribeCommand[] joins = [Recovering(5, epoch: "old"), Recovering(21), Recovering(2)];

        var recoveries = await new BatchRecovery(Channel, _stream, maxRecoveredPublications: 10).RecoverAsync(joins, _stream.Epoch, lastReleased: 20);

        Assert.Equal(0, _stream.PublicationReads);
        Assert.All(recoveries, recovery => Assert.False(recovery.Recovered));
    }

    [Fact]
    public async Task After_trimming_only_the_joiners_whose_gap_the_stream_still_holds_recover()
    {
        Append(20);
        _stream.TrimmedThrough = 10;
        SubscribeCommand[] joins = [Recovering(4), Recovering(10), Recovering(15)];

        var recoveries = await new BatchRecovery(Channel, _stream, maxRecoveredPublications: 1000).RecoverAsync(joins, _stream.Epoch, lastReleased: 20);

        Assert.Equal(1, _stream.PublicationReads);
        Assert.False(recoveries[0].Recovered);
        Assert.Equal(Range(11, 20), Offsets(recoveries[1]));
        Assert.Equal(Range(16, 20), Offsets(recoveries[2]));
    }

    [Fact]
    public async Task A_shared_read_stopped_by_the_byte_budget_reads_again_for_the_joiners_it_did_not_reach()
    {
        Append(20);
        // Room for about five publications: the lowest joiner missed too much, the newest is read on its own.
        _stream.RecoveryMaxBytes = 5 * (await _stream.ReadAsync(new() { Channel = Channel, SinceOffset = 0, Limit = 1 })).Publications[0].CalculateSize();
        SubscribeCommand[] joins = [Recovering(2), Recovering(18)];

        var recoveries = await new BatchRecovery(Channel, _stream, maxRecoveredPublications: 1000).RecoverAsync(joins, _stream.Epoch, lastReleased: 20);

        Assert.False(recoveries[0].Recovered);
        Assert.Equal(Range(19, 20), Offsets(recoveries[1]));
    }

    private void Append(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _stream.Append();
        }
    }

    private SubscribeCommand Recovering(ulong offset, string? epoch = null) => new(1, Channel, Recover: true, offset, epoch ?? _stream.Epoch, JoinLeave: false, Token: null);

    private static SubscribeCommand Fresh() => new(1, Channel, Recover: false, 0, null, JoinLeave: false, Token: null);

    private static ulong[] Offsets(Recovery recovery)
    {
        Assert.True(recovery.Recovered);
        return [.. recovery.Publications.Select(publication => publication.Offset)];
    }

    private static ulong[] Range(ulong from, ulong through) => [.. Enumerable.Range((int)from, (int)(through - from + 1)).Select(offset => (ulong)offset)];
}
