using System.Collections.Concurrent;

namespace Classroom.Micro.Fanout.Edges;

/// <summary>
/// Which attached edges want which channels. Publishers read a channel's attachments without locking
/// (copy-on-write arrays); interest changes are serialized.
/// </summary>
internal sealed class InterestTable
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, EdgeAttachment[]> _byChannel = new(StringComparer.Ordinal);
    private readonly Dictionary<EdgeAttachment, HashSet<string>> _byAttachment = [];

    /// <summary>The attachments interested in <paramref name="channel"/> right now.</summary>
    public IReadOnlyList<EdgeAttachment> Interested(string channel) =>
        _byChannel.TryGetValue(channel, out var attachments) ? attachments : [];

    public void Add(EdgeAttachment attachment, IEnumerable<string> channels)
    {
        lock (_gate)
        {
            if (!_byAttachment.TryGetValue(attachment, out var owned))
            {
                owned = new HashSet<string>(StringComparer.Ordinal);
                _byAttachment[attachment] = owned;
            }

            foreach (var channel in channels)
            {
                if (owned.Add(channel))
                {
                    _byChannel[channel] = _byChannel.TryGetValue(channel, out var existing) ? [.. existing, attachment] : [attachment];
                }
            }
        }
    }

    public void Remove(EdgeAttachment attachment, IEnumerable<string> channels)
    {
        lock (_gate)
        {
            if (!_byAttachment.TryGetValue(attachment, out var owned))
            {
                return;
            }

            foreach (var channel in channels)
            {
                if (owned.Remove(channel))
                {
                    Detach(channel, attachment);
                }
            }
        }
    }

    /// <summary>Drops every interest of <paramref name="attachment"/> (its stream ended).</summary>
    public void RemoveAll(EdgeAttachment attachment)
    {
        lock (_gate)
        {
            if (!_byAttachment.Remove(attachment, out var owned))
            {
                return;
            }

            foreach (var channel in owned)
            {
                Detach(channel, attachment);
            }
        }
    }

    private void Detach(string channel, EdgeAttachment attachment)
    {
        var remaining = _byChannel[channel].Where(candidate => candidate != attachment).ToArray();
        if (remaining.Length == 0)
        {
            _byChannel.TryRemove(channel, out _);
        }
        else
        {
            _byChannel[channel] = remaining;
        }
    }
}
