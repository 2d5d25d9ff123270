using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Edge.Subscriptions;

/// <summary>
/// Answers a batch of joins of one channel from one stream read: from the lowest offset any recovering joiner asked
/// for up to what the hub released, each joiner given the part after its own offset. A hub serves the whole batch at
/// one sequencer position (nothing is released between the read and the answers), so every joiner's recovery ends
/// exactly where its first live push begins. Runs on the hub's loop.
/// </summary>
internal sealed class BatchRecovery(string channel, IChannelStreamReads reads, int maxRecoveredPublications)
{
    /// <summary>
    /// What each of <paramref name="commands"/> is answered with when the hub stands at <paramref name="epoch"/>,
    /// <paramref name="lastReleased"/>. Throws the read's <c>RpcException</c> when the stream cannot be read.
    /// </summary>
    public async Task<Recovery[]> RecoverAsync(IReadOnlyList<SubscribeCommand> commands, string epoch, ulong lastReleased)
    {
        var recoveries = new Recovery[commands.Count];
        var reading = new List<int>();
        var lowest = ulong.MaxValue;
        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            recoveries[i] = Recovery.NotRecovered;
            if (!command.Recover || !string.Equals(command.Epoch, epoch, StringComparison.Ordinal) || command.Offset > lastReleased)
            {
                continue;
            }

            var missing = lastReleased - command.Offset;
            if (missing == 0)
            {
                recoveries[i] = Recovery.NothingMissed;
            }
            else if (missing <= (ulong)maxRecoveredPublications)
            {
                reading.Add(i);
                lowest = Math.Min(lowest, command.Offset);
            }
        }

        if (reading.Count == 0)
        {
            return recoveries;
        }

        // Past the recovery byte budget the read stops short (truncated): joiners it does not reach are read on their own.
        var read = await reads.ReadAsync(new ReadStreamRequest { Channel = channel, SinceOffset = lowest, Limit = (int)(lastReleased - lowest) }, reads.RecoveryMaxBytes);
        var views = Contiguous(read, epoch, lastReleased);
        foreach (var i in reading)
        {
            var since = commands[i].Offset;
            if (views is not null && views.Count > 0 && views[0].Offset <= since + 1)
            {
                // The shared read reached the top within the budget, so this joiner's shorter part is within it too.
                var start = (int)(since + 1 - views[0].Offset);
                recoveries[i] = new Recovery(true, views.GetRange(start, views.Count - start));
            }
            else if (read.Truncated && string.Equals(read.Position.Epoch, epoch, StringComparison.Ordinal))
            {
                recoveries[i] = await RecoverAloneAsync(since, epoch, lastReleased);
            }
        }

        return recoveries;
    }

    /// <summary>The read as views when it is of <paramref name="epoch"/>, without holes and reaching <paramref name="lastReleased"/>; else null.</summary>
    private static List<PublicationView>? Contiguous(ReadStreamResponse read, string epoch, ulong lastReleased)
    {
        var publications = read.Publications;
        if (!string.Equals(read.Position.Epoch, epoch, StringComparison.Ordinal) || publications.Count == 0 || publications[^1].Offset != lastReleased)
        {
            return null;
        }

        var first = publications[0].Offset;
        var views = new List<PublicationView>(publications.Count);
        for (var k = 0; k < publications.Count; k++)
        {
            if (publications[k].Offset != first + (ulong)k)
            {
                return null;
            }

            views.Add(PublicationViews.From(publications[k]));
        }

        return views;
    }

    private async Task<Recovery> RecoverAloneAsync(ulong since, string epoch, ulong lastReleased)
    {
        var read = await reads.ReadAsync(new ReadStreamRequest { Channel = channel, SinceOffset = since, Limit = (int)(lastReleased - since) }, reads.RecoveryMaxBytes);
        var views = Contiguous(read, epoch, lastReleased);
        return views is not null && views[0].Offset == since + 1 ? new Recovery(true, views) : Recovery.NotRecovered;
    }
}
