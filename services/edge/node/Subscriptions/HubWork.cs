using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Fanout.V1;

namespace Classroom.Micro.Edge.Subscriptions;

/// <summary>One item of a channel hub's inbox; the hub handles them one at a time, in order.</summary>
internal abstract record HubWork
{
    /// <summary>A publication from a fanout replica.</summary>
    public sealed record Deliver(Delivery Delivery) : HubWork;

    /// <summary>A replica's report of where the stream stands.</summary>
    public sealed record Position(string Epoch, ulong Offset) : HubWork;

    /// <summary>A client joined or left the channel somewhere: a join/leave push for subscribers that asked.</summary>
    public sealed record Presence(PresenceChange Change) : HubWork;

    /// <summary>A local client subscribes; the hub answers it (with recovered publications) before any later push.</summary>
    public sealed record Join(ClientSession Session, SubscribeCommand Command, JoinTicket Ticket) : HubWork;

    /// <summary>Joins that waited next to each other in the inbox, answered together (<see cref="HubInbox"/>).</summary>
    public sealed record Joins(IReadOnlyList<Join> Batch) : HubWork;

    /// <summary>A local client is gone or unsubscribed.</summary>
    public sealed record Leave(ClientSession Session) : HubWork;

    /// <summary>Time to read missing offsets back from the stream.</summary>
    public sealed record FillGap : HubWork;

    /// <summary>A fanout stream was attached or lost: compare with the stream and fill what is missing.</summary>
    public sealed record Resync : HubWork;

    /// <summary>The last local subscriber left: withdraw and stop.</summary>
    public sealed record Stop : HubWork;
}
