using System.Threading.Channels;

namespace Classroom.Micro.Edge.Subscriptions;

/// <summary>
/// A channel hub's inbox, read by its single loop. Joins that wait next to each other come out as one
/// <see cref="HubWork.Joins"/>, so a reconnect storm's hundreds of joins of one channel are answered from one stream
/// read; every other item keeps its place, so a batch holds exactly the joins the hub would have served back to back.
/// </summary>
internal sealed class HubInbox
{
    private readonly Channel<HubWork> _items = Channel.CreateUnbounded<HubWork>(new UnboundedChannelOptions { SingleReader = true });
    private HubWork? _carried;

    /// <summary>False once the inbox was completed.</summary>
    public bool Post(HubWork work) => _items.Writer.TryWrite(work);

    /// <summary>No more items are accepted.</summary>
    public void Complete() => _items.Writer.TryComplete();

    /// <summary>Whether the next item waiting (without waiting for one) is <typeparamref name="T"/>.</summary>
    public bool NextIs<T>()
        where T : HubWork => _carried is T || (_carried is null && _items.Reader.TryPeek(out var next) && next is T);

    /// <summary>The next item, joins that wait together merged into one batch; null once the inbox is completed and empty.</summary>
    public async ValueTask<HubWork?> NextAsync()
    {
        var first = TakeCarried();
        while (first is null)
        {
            if (!await _items.Reader.WaitToReadAsync())
            {
                return null;
            }

            _items.Reader.TryRead(out first);
        }

        if (first is not HubWork.Join join)
        {
            return first;
        }

        var batch = new List<HubWork.Join> { join };
        while (_items.Reader.TryRead(out var next))
        {
            if (next is HubWork.Join another)
            {
                batch.Add(another);
                continue;
            }

            _carried = next;
            break;
        }

        return new HubWork.Joins(batch);
    }

    /// <summary>Every item still waiting, without waiting for more (joins unmerged).</summary>
    public IEnumerable<HubWork> Drain()
    {
        if (TakeCarried() is { } carried)
        {
            yield return carried;
        }

        while (_items.Reader.TryRead(out var work))
        {
            yield return work;
        }
    }

    private HubWork? TakeCarried()
    {
        var carried = _carried;
        _carried = null;
        return carried;
    }
}
