namespace Classroom.Micro.Edge.Subscriptions;

/// <summary>How a channel hub tells a joining subscriber where it stands.</summary>
internal enum JoinAnswer
{
    /// <summary>The reply to the client's subscribe command.</summary>
    Reply,

    /// <summary>
    /// Nothing is sent: the result goes back through <see cref="JoinTicket.Result"/> into the connect reply's
    /// <c>subs</c> map (server-side subscriptions made on connect, while the session holds its pushes).
    /// </summary>
    ConnectSubs,

    /// <summary>A <c>subscribe</c> push, then any recovered publications as publication pushes (the server API's subscribe).</summary>
    SubscribePush,
}
