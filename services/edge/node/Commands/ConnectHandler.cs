using Classroom.Micro.Auth.V1;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Telemetry;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Commands;

/// <summary>Connect and refresh: the token is validated by auth; the edge keeps the principal for the connection's life.</summary>
internal sealed class ConnectHandler(
    AuthService.AuthServiceClient auth,
    SessionDirectory sessions,
    ServerSubscriptions serverSubscriptions,
    LimitMetrics limits,
    IOptions<ConnectionLimitOptions> connectionLimits,
    IOptions<EdgeOptions> options,
    EdgeMetrics metrics,
    ServiceTelemetry telemetry,
    UpstreamDeadline deadline,
    TimeProvider time,
    ILogger<ConnectHandler> logger)
{
    /// <summary>Reported to clients as the server version.</summary>
    public const string ServerVersion = "classroom-micro/0.1";

    /// <summary>The span of a connect command.</summary>
    public const string SpanName = "edge.connect";

    public async Task ConnectAsync(ClientSession session, ConnectCommand command, CancellationToken cancellation)
    {
        // A child of the socket's upgrade request, i.e. of the trace the gateway started: the connection's trace then
        // holds the token check by auth and, through the subscribes that follow, the registry entries.
        using var activity = telemetry.ActivitySource.StartActivity(SpanName);
        activity?.SetTag("classroom.client.id", session.ClientId);
        if (session.Identity is not null)
        {
            session.Disconnect(Disconnects.BadRequest);
            return;
        }

        var principal = await ValidateAsync(session, command.Id, command.Token, cancellation);
        if (principal is null)
        {
            return;
        }

        var expiresAt = principal.ExpiresAt;
        if (expiresAt <= time.GetUtcNow())
        {
            // Auth accepts it within its clock skew, but a connection opened now would be closed at once: the SDK refreshes on 109.
            session.ReplyError(command.Id, ClientErrors.TokenExpired);
            return;
        }

        session.Identity = principal;
        session.ConnInfo = StampedConnInfo.For(principal);
        var limit = connectionLimits.Value;
        switch (sessions.TryAdd(session, limit.MaxPerUser, limit.MaxPerAddress))
        {
            case ConnectionLimit.PerUser:
                RefuseOverLimit(session, LimitMetrics.ConnectionsPerUser);
                return;
            case ConnectionLimit.PerAddress:
                RefuseOverLimit(session, LimitMetrics.ConnectionsPerAddress);
                return;
            default:
                break;
        }

        session.ExpireAt(expiresAt);
        metrics.Connections.Add(1);
        EdgeLog.ClientConnected(logger, session.ClientId, principal.UserId);

        // Pushes of server-side subscriptions wait behind the connect reply that reports them.
        var subs = await serverSubscriptions.SubscribeOnConnectAsync(session, command.Subs, cancellation);
        if (subs is null)
        {
            return;
        }

        session.ReleaseHeld(ProtocolWriter.Connect(command.Id, new ConnectResult(
            Client: session.ClientId,
            Version: ServerVersion,
            Ping: (uint)options.Value.PingInterval.TotalSeconds,
            Pong: true,
            Expires: expiresAt is not null,
            Ttl: TtlSeconds(expiresAt),
            Node: session.Node,
            Data: default)
        { Session = session.TransportSession, Subs = subs }));
    }

    public async Task RefreshAsync(ClientSession session, RefreshCommand command, CancellationToken cancellation)
    {
        var principal = await ValidateAsync(session, command.Id, command.Token, cancellation);
        if (principal is null)
        {
            return;
        }

        if (!string.Equals(principal.UserId, session.Identity!.UserId, StringComparison.Ordinal))
        {
            // A refresh may extend a connection's life, never change whose connection it is.
            session.Disconnect(Disconnects.InvalidToken);
            return;
        }

        var expiresAt = principal.ExpiresAt;
        // The new token's claims replace the old ones: role, name, info and classrooms decide every later permission
        // (the cached answers were given for the old claims), and its channels the server-side subscriptions.
        var previous = session.Identity!;
        session.Identity = principal;
        session.ConnInfo = StampedConnInfo.For(principal);
        session.ForgetPermissions();
        session.ExpireAt(expiresAt);
        await serverSubscriptions.FollowTokenChannelsAsync(session, previous, principal);
        session.TryEnqueue(ProtocolWriter.Refresh(command.Id, new RefreshResult(session.ClientId, ServerVersion, expiresAt is not null, TtlSeconds(expiresAt))));
    }

    private async Task<ConnectionIdentity?> ValidateAsync(ClientSession session, uint commandId, string? token, CancellationToken cancellation)
    {
        if (string.IsNullOrEmpty(token))
        {
            Refuse(session, "missing_token");
            return null;
        }

        var response = await auth.ValidateTokenAsync(new ValidateTokenRequest { Token = token }, deadline: deadline.Next(), cancellationToken: cancellation);
        switch (response.Status)
        {
            case TokenStatus.Valid:
                return response.Principal.ToIdentity();
            case TokenStatus.Expired:
                metrics.AuthFailures.Add(1, new KeyValuePair<string, object?>("reason", "expired"));
                EdgeLog.ConnectRefused(logger, "expired");
                session.ReplyError(commandId, ClientErrors.TokenExpired);
                return null;
            default:
                Refuse(session, string.IsNullOrEmpty(response.Reason) ? "invalid" : response.Reason);
                return null;
        }
    }

    private void RefuseOverLimit(ClientSession session, string limit)
    {
        limits.Refused(limit);
        EdgeLog.ConnectRefused(logger, limit);
        // Never counted as connected: the socket's cleanup has nothing to undo.
        session.Identity = null;
        session.Disconnect(Disconnects.ConnectionLimit);
    }

    private void Refuse(ClientSession session, string reason)
    {
        metrics.AuthFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));
        EdgeLog.ConnectRefused(logger, reason);
        session.Disconnect(Disconnects.InvalidToken);
    }

    private uint TtlSeconds(DateTimeOffset? expiresAt) =>
        expiresAt is { } at ? (uint)Math.Max(1, Math.Ceiling((at - time.GetUtcNow()).TotalSeconds)) : 0;
}
