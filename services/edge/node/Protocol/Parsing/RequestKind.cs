namespace Classroom.Micro.Edge.Protocol;

/// <summary>The request fields of a <c>Command</c>; exactly one is set in a valid command.</summary>
internal enum RequestKind
{
    None,
    Connect,
    Subscribe,
    Unsubscribe,
    Publish,
    Presence,
    PresenceStats,
    History,
    Rpc,
    Refresh,
    SubRefresh,
    Send,
}
