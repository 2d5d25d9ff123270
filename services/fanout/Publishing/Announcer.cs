using Classroom.Micro.Fanout.Edges;
using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Fanout.Publishing;

/// <summary>
/// Ephemeral events: presence changes go to the edges interested in the channel, control commands to every
/// attached edge. Nothing is stored; an edge that is not attached right now does not get it (presence itself
/// stays correct because it is read from the registry, and control commands concern live connections only).
/// </summary>
internal sealed class Announcer(InterestTable interests, EdgeDirectory edges)
{
    public int Announce(AnnounceRequest request)
    {
        switch (request.KindCase)
        {
            case AnnounceRequest.KindOneofCase.Presence:
                return EnqueueAll(interests.Interested(request.Presence.Channel), new FanoutMessage { Presence = request.Presence });
            case AnnounceRequest.KindOneofCase.Control:
                return EnqueueAll(edges.All, new FanoutMessage { Control = request.Control });
            default:
                return 0;
        }
    }

    private static int EnqueueAll(IEnumerable<EdgeAttachment> attachments, FanoutMessage message)
    {
        var handed = 0;
        foreach (var attachment in attachments)
        {
            if (attachment.TryEnqueue(message))
            {
                handed++;
            }
        }

        return handed;
    }
}
