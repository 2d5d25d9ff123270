using System.Collections.Concurrent;

namespace Classroom.Micro.Fanout.Edges;

/// <summary>The current Attach stream of each edge node: an edge that attaches again replaces its previous stream.</summary>
internal sealed class EdgeDirectory
{
    private readonly ConcurrentDictionary<string, EdgeAttachment> _byEdge = new(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="attachment"/> its edge's current stream and returns the one it replaced, if any.</summary>
    public EdgeAttachment? Register(EdgeAttachment attachment)
    {
        EdgeAttachment? replaced = null;
        _byEdge.AddOrUpdate(
            attachment.EdgeId,
            attachment,
            (_, previous) =>
            {
                replaced = previous;
                return attachment;
            });
        return replaced;
    }

    /// <summary>Every edge's current stream (for control commands that concern all edges).</summary>
    public ICollection<EdgeAttachment> All => _byEdge.Values;

    /// <summary>Forgets <paramref name="attachment"/> unless a newer stream of the same edge already replaced it.</summary>
    public void Unregister(EdgeAttachment attachment) =>
        _byEdge.TryRemove(new KeyValuePair<string, EdgeAttachment>(attachment.EdgeId, attachment));
}
