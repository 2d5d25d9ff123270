using Classroom.Micro.Auth.V1;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Subscriptions;
using Classroom.Micro.Edge.Upstream;
using Classroom.Micro.Fanout.V1;
using Classroom.Micro.Registry.V1;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Commands;

/// <summary>History (from the channel's stream) and presence (from the registry).</summary>
internal sealed class ChannelReadHandler(ChannelPermissions permissions, FanoutPool fanout, RegistryService.RegistryServiceClient registry, IOptions<CommandOptions> options, UpstreamDeadline deadline)
{
    /// <summary>A history window past <see cref="CommandOptions.MaxHistoryLimit"/> or <see cref="CommandOptions.MaxHistoryBytes"/>.</summary>
    public static readonly ClientError WindowTooLarge = ClientErrors.LimitExceeded with { Message = "limit exceeded: history window too large, ask for fewer publications" };

    public async Task HistoryAsync(ClientSession session, HistoryCommand command, CancellationToken cancellation)
    {
        if (await permissions.CheckAsync(session, command.Channel, ChannelAction.History, cancellation) is { } denied)
        {
            session.ReplyError(command.Id, denied);
            return;
        }

        var limits = options.Value;
        // One more than the cap tells a window that is too large from one that just fits.
        var capped = command.Limit < 0 || command.Limit > limits.MaxHistoryLimit;
        var read = await fanout.ReadStreamAsync(new ReadStreamRequest
        {
            Channel = command.Channel,
            SinceOffset = command.Since?.Offset ?? 0,
            SinceEpoch = command.Since?.Epoch ?? "",
            Limit = capped ? limits.MaxHistoryLimit + 1 : command.Limit,
            Reverse = command.Reverse,
        }, limits.MaxHistoryBytes, cancellation);

        if (read.Truncated || (capped && read.Publications.Count > limits.MaxHistoryLimit) || PayloadBytes(read) > limits.MaxHistoryBytes)
        {
            session.ReplyError(command.Id, WindowTooLarge);
            return;
        }

        // Whether the client's position can be continued from is fanout's answer (the one home of error 112).
        if (read.Unrecoverable)
        {
            session.ReplyError(command.Id, ClientErrors.UnrecoverablePosition);
            return;
        }

        var publications = read.Publications.Select(PublicationViews.From).ToList();
        session.TryEnqueue(ProtocolWriter.History(command.Id, new HistoryResult(publications, read.Position.Epoch, read.Position.Offset)));
    }

    public async Task PresenceAsync(ClientSession session, PresenceCommand command, CancellationToken cancellation)
    {
        var listed = await ListAsync(session, command.Id, command.Channel, cancellation);
        if (listed is null)
        {
            return;
        }

        var clients = listed.Subscriptions.ToDictionary(
            entry => entry.ConnectionId,
            entry => new ClientInfoView(entry.UserId, entry.ConnectionId, RawJsonOf(entry.ConnInfoJson), default),
            StringComparer.Ordinal);
        session.TryEnqueue(ProtocolWriter.Presence(command.Id, clients));
    }

    public async Task PresenceStatsAsync(ClientSession session, PresenceStatsCommand command, CancellationToken cancellation)
    {
        var listed = await ListAsync(session, command.Id, command.Channel, cancellation);
        if (listed is null)
        {
            return;
        }

        // Counted by the registry, once for clients and the server.
        session.TryEnqueue(ProtocolWriter.PresenceStats(command.Id, (int)listed.NumClients, (int)listed.NumUsers));
    }

    private async Task<ListChannelSubscriptionsResponse?> ListAsync(ClientSession session, uint commandId, string channel, CancellationToken cancellation)
    {
        if (await permissions.CheckAsync(session, channel, ChannelAction.Presence, cancellation) is { } denied)
        {
            session.ReplyError(commandId, denied);
            return null;
        }

        return await registry.ListChannelSubscriptionsAsync(new ListChannelSubscriptionsRequest { Channel = channel }, deadline: deadline.Next(), cancellationToken: cancellation);
    }

    private static long PayloadBytes(ReadStreamResponse read)
    {
        long bytes = 0;
        foreach (var publication in read.Publications)
        {
            bytes += publication.Data.Length + (publication.Info?.ConnInfo.Length ?? 0);
        }

        return bytes;
    }

    private static RawJson RawJsonOf(string json) =>
        string.IsNullOrEmpty(json) ? default : RawJson.FromTrusted(System.Text.Encoding.UTF8.GetBytes(json));
}
