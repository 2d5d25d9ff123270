using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Edge.Subscriptions;

/// <summary>
/// A channel hub's local subscribers, and which of them asked for join/leave pushes. Touched only by the hub's loop,
/// so it needs no lock. Every push is built once by the caller and enqueued to each subscriber as the same bytes.
/// </summary>
internal sealed class HubSubscribers(string channel)
{
    private readonly List<ClientSession> _all = [];
    private readonly HashSet<ClientSession> _joinLeave = [];

    public int Count => _all.Count;

    public void Add(ClientSession session, bool joinLeave)
    {
        _all.Add(session);
        if (joinLeave)
        {
            _joinLeave.Add(session);
        }
    }

    public void Remove(ClientSession session)
    {
        _all.Remove(session);
        _joinLeave.Remove(session);
    }

    /// <summary>Enqueues <paramref name="push"/> to every subscriber.</summary>
    public void Push(byte[] push)
    {
        foreach (var subscriber in _all)
        {
            subscriber.TryEnqueue(push);
        }
    }

    /// <summary>A join or leave somewhere on the channel, pushed to the subscribers that asked for them.</summary>
    public void PushPresence(PresenceChange change)
    {
        if (_joinLeave.Count == 0)
        {
            return;
        }

        var info = new ClientInfoView(change.Info.User, change.Info.Client, RawJson.FromTrusted(change.Info.ConnInfo.Memory), RawJson.FromTrusted(change.Info.ChanInfo.Memory));
        var push = change.Joined ? ProtocolWriter.JoinPush(channel, info) : ProtocolWriter.LeavePush(channel, info);
        foreach (var subscriber in _joinLeave)
        {
            subscriber.TryEnqueue(push);
        }
    }

    /// <summary>Disconnects every subscriber (they resubscribe and recover) and forgets them.</summary>
    public void DisconnectAll(DisconnectReason reason)
    {
        foreach (var subscriber in _all)
        {
            subscriber.Disconnect(reason);
        }

        _all.Clear();
        _joinLeave.Clear();
    }
}
