using System.Diagnostics;
using Classroom.Micro.Auth.V1;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Telemetry;
using Classroom.Micro.Edge.Upstream;
using Classroom.Micro.Fanout.V1;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Commands;

/// <summary>
/// Publish: size (per namespace), permission (cached), the server stamps who published, one fanout replica appends it
/// durably, and only then is the client told <c>{}</c>. A failure is a definite error, never a silent drop.
/// </summary>
internal sealed class PublishHandler(
    ChannelPermissions permissions, FanoutPool fanout, EdgeMetrics metrics, ServiceTelemetry telemetry, IOptions<CommandOptions> options, LimitMetrics limits)
{
    public async Task PublishAsync(ClientSession session, PublishCommand command, CancellationToken cancellation)
    {
        if (command.Data.Utf8.Length > options.Value.PublicationLimitOf(command.Channel))
        {
            limits.Refused(LimitMetrics.PublicationSize);
            session.ReplyError(command.Id, ClientErrors.LimitExceeded);
            return;
        }

        if (await permissions.CheckAsync(session, command.Channel, ChannelAction.Publish, cancellation) is { } denied)
        {
            session.ReplyError(command.Id, denied);
            return;
        }

        // The socket's request span lasts as long as the connection: each publish is a trace of its own, linked to it,
        // so sampling decides per publication and a trace ends when its deliveries do.
        var connection = Activity.Current;
        Activity.Current = null;
        using var activity = telemetry.ActivitySource.StartActivity(
            "edge.publish", ActivityKind.Producer, default(ActivityContext), links: connection is null ? null : [new ActivityLink(connection.Context)]);
        activity?.SetTag("messaging.destination.name", command.Channel);
        var request = new PublishRequest
        {
            Channel = command.Channel,
            Data = UnsafeByteOperations.UnsafeWrap(command.Data.Utf8),
            Info = new ClientInfo
            {
                User = session.Identity!.UserId,
                Client = session.ClientId,
                ConnInfo = UnsafeByteOperations.UnsafeWrap(session.ConnInfo.Utf8),
            },
        };

        try
        {
            await fanout.PublishAsync(request, cancellation);
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.InvalidArgument)
        {
            session.ReplyError(command.Id, ClientErrors.BadRequest);
            return;
        }

        metrics.PublicationsIn.Add(1);
        session.TryEnqueue(ProtocolWriter.Empty(command.Id, "publish"));
    }
}
