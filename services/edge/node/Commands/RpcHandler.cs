using System.Text.Json;
using Classroom.Micro.Auth.V1;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Telemetry;
using Classroom.Micro.Edge.Upstream;
using Classroom.Micro.Fanout.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Commands;

/// <summary>
/// The teachers' rpc methods. Auth decides and records (<c>Moderate</c>); then the edge announces through the fanout
/// what every edge must do to the connections it holds:
/// <list type="bullet">
/// <item><c>classroom.end {classroom}</c>: every connection subscribed to the classroom channel, the caller's included,
/// is disconnected with 3503 and reason "class ended" (terminal: the SDK does not reconnect).</item>
/// <item><c>classroom.kick {classroom, user}</c>: the user's cached permissions are dropped and their connections on the
/// channel are disconnected with 3503 "kicked"; their tokens issued up to the kick no longer open the channel.</item>
/// <item><c>classroom.mute</c> / <c>classroom.unmute {classroom, user}</c>: the user's cached permissions are dropped,
/// so their next publish is decided anew (103 while muted).</item>
/// </list>
/// Errors: 104 unknown method, 107 bad arguments, 103 not a teacher of the classroom, 100 (temporary) upstream failure.
/// </summary>
internal sealed class RpcHandler(AuthService.AuthServiceClient auth, FanoutPool fanout, UpstreamDeadline deadline, IOptions<EdgeOptions> options, TimeProvider time, ILogger<RpcHandler> logger)
{
    public const string EndMethod = "classroom.end";
    public const string KickMethod = "classroom.kick";
    public const string MuteMethod = "classroom.mute";
    public const string UnmuteMethod = "classroom.unmute";

    /// <summary>Close reason of the connections of an ended class (code 3503).</summary>
    public const string ClassEndedReason = "class ended";

    /// <summary>Close reason of a kicked user's connections (code 3503).</summary>
    public const string KickedReason = "kicked";


    private static readonly Dictionary<string, ModerationAction> Methods = new(StringComparer.Ordinal)
    {
        [EndMethod] = ModerationAction.End,
        [KickMethod] = ModerationAction.Kick,
        [MuteMethod] = ModerationAction.Mute,
        [UnmuteMethod] = ModerationAction.Unmute,
    };

    public async Task HandleAsync(ClientSession session, RpcCommand command, CancellationToken cancellation)
    {
        if (!Methods.TryGetValue(command.Method, out var action))
        {
            session.ReplyError(command.Id, ClientErrors.MethodNotFound);
            return;
        }

        var caller = session.Identity!;
        if (!ClassroomRpcArguments.TryRead(command.Data, caller.Classrooms, out var arguments)
            || (action != ModerationAction.End && arguments.User.Length == 0))
        {
            session.ReplyError(command.Id, ClientErrors.BadRequest);
            return;
        }

        ModerateResponse moderated;
        try
        {
            moderated = await auth.ModerateAsync(new ModerateRequest
            {
                Actor = caller.ToMessage(),
                ClassroomId = arguments.Classroom,
                Action = action,
                TargetUserId = action == ModerationAction.End ? string.Empty : arguments.User,
            }, deadline: deadline.Next(), cancellationToken: cancellation);
        }
        catch (RpcException exception) when (exception.StatusCode is StatusCode.PermissionDenied or StatusCode.InvalidArgument)
        {
            RpcLog.Refused(logger, caller.UserId, command.Method, arguments.Classroom);
            var error = exception.StatusCode == StatusCode.PermissionDenied ? ClientErrors.PermissionDenied : ClientErrors.BadRequest;
            session.ReplyError(command.Id, error);
            return;
        }

        RpcLog.Moderated(logger, caller.UserId, command.Method, arguments.Classroom, arguments.User);
        var channel = moderated.Channel;
        var reply = ProtocolWriter.Rpc(command.Id, ResultOf(command.Method, arguments, channel));
        switch (action)
        {
            case ModerationAction.End:
                // The caller is among those disconnected: the reply goes first, so it is written before the close.
                session.TryEnqueue(reply);
                await AnnounceOrLogAsync(command.Method, channel, Disconnect(user: string.Empty, channel, ClassEndedReason));
                return;
            case ModerationAction.Kick:
                await AnnounceAsync(command.Method, channel, PermissionsChanged(arguments.User, channel));
                await AnnounceAsync(command.Method, channel, Disconnect(arguments.User, channel, KickedReason));
                break;
            default:
                await AnnounceAsync(command.Method, channel, PermissionsChanged(arguments.User, channel));
                break;
        }

        session.TryEnqueue(reply);
    }

    private static ControlCommand Disconnect(string user, string channel, string reason) => new()
    {
        Disconnect = new DisconnectClients
        {
            User = user,
            Channel = channel,
            Code = (uint)Disconnects.ForceNoReconnect.Code,
            Reason = reason,
        },
    };

    private static ControlCommand PermissionsChanged(string user, string channel) => new()
    {
        PermissionsChanged = new PermissionsChanged { User = user, Channel = channel },
    };

    /// <summary><c>{"classroom":"42","channel":"classroom:42","method":"classroom.kick","user":"s1"}</c>.</summary>
    private static RawJson ResultOf(string method, ClassroomRpcArguments arguments, string channel)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("classroom"u8, arguments.Classroom);
            writer.WriteString("channel"u8, channel);
            writer.WriteString("method"u8, method);
            if (arguments.User.Length > 0 && method != EndMethod)
            {
                writer.WriteString("user"u8, arguments.User);
            }

            writer.WriteEndObject();
        }

        return RawJson.FromTrusted(buffer.ToArray());
    }

    /// <summary>
    /// Hands the command to a fanout replica; on failure once more (the pool picks the next replica). The commands
    /// are idempotent, so a first attempt that did get through does no harm.
    /// </summary>
    private async Task AnnounceAsync(string method, string channel, ControlCommand command)
    {
        var request = new AnnounceRequest { Control = command };
        try
        {
            using var first = new CancellationTokenSource(options.Value.AnnounceTimeout, time);
            await fanout.AnnounceAsync(request, first.Token);
        }
        catch (RpcException exception)
        {
            RpcLog.AnnounceRetrying(logger, exception, method, channel);
            using var second = new CancellationTokenSource(options.Value.AnnounceTimeout, time);
            await fanout.AnnounceAsync(request, second.Token);
        }
    }

    private async Task AnnounceOrLogAsync(string method, string channel, ControlCommand command)
    {
        try
        {
            await AnnounceAsync(method, channel, command);
        }
        catch (RpcException exception)
        {
            RpcLog.AnnounceFailed(logger, exception, method, channel);
        }
    }
}
