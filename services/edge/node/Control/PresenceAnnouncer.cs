using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Telemetry;
using Classroom.Micro.Edge.Upstream;
using Classroom.Micro.Fanout.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Classroom.Micro.Edge.Control;

/// <summary>
/// Tells a channel's members (on every edge) that a connection joined or left it. Best effort: a lost
/// announcement only costs a join/leave push; presence listings come from the registry and stay right.
/// </summary>
internal sealed class PresenceAnnouncer(FanoutPool fanout, ILogger<PresenceAnnouncer> logger)
{
    public async Task AnnounceAsync(ClientSession session, string channel, bool joined)
    {
        var request = new AnnounceRequest
        {
            Presence = new PresenceChange
            {
                Channel = channel,
                Joined = joined,
                Info = new ClientInfo
                {
                    User = session.Identity!.UserId,
                    Client = session.ClientId,
                    ConnInfo = UnsafeByteOperations.UnsafeWrap(session.ConnInfo.Utf8),
                },
            },
        };

        try
        {
            await fanout.AnnounceAsync(request, CancellationToken.None);
        }
        catch (RpcException exception)
        {
            EdgeLog.AnnounceFailed(logger, exception, channel);
        }
    }
}
