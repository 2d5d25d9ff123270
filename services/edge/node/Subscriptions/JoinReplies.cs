using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;

namespace Classroom.Micro.Edge.Subscriptions;

/// <summary>The three ways a channel hub answers a join (<see cref="JoinAnswer"/>).</summary>
internal static class JoinReplies
{
    /// <summary>Tells the subscriber where it stands, the way its join asked; false when the session cannot take it.</summary>
    public static bool Answer(string channel, ClientSession session, SubscribeCommand command, JoinTicket ticket, SubscribeResult result)
    {
        switch (ticket.Answer)
        {
            case JoinAnswer.ConnectSubs:
                // The session holds its pushes until the connect reply carrying this result is queued ahead of them.
                ticket.Result = result;
                return !session.IsClosed;
            case JoinAnswer.SubscribePush:
                if (!session.TryEnqueue(ProtocolWriter.SubscribePush(channel, result, ticket.PushData)))
                {
                    return false;
                }

                foreach (var publication in result.Publications)
                {
                    if (!session.TryEnqueue(ProtocolWriter.PublicationPush(channel, publication)))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return session.TryEnqueue(ProtocolWriter.Subscribe(command.Id, result));
        }
    }
}
