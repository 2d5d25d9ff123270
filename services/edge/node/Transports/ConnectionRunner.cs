using Classroom.Micro.ServiceDefaults.Http;
using Classroom.Micro.Edge.Commands;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Draining;
using Classroom.Micro.Edge.Telemetry;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Transports;

/// <summary>What every transport's endpoint does alike: admit a connection (not draining, origin allowed), run its
/// <see cref="ClientSession"/> to the end, and clean up after it.</summary>
internal sealed class ConnectionRunner(
    EdgeIdentity identity,
    IOptions<EdgeOptions> options,
    CommandDispatcher dispatcher,
    SubscriptionHandler subscriptions,
    SessionDirectory sessions,
    EdgeMetrics metrics,
    ConnectionHeartbeat heartbeat,
    TimeProvider time,
    ILogger<ClientSession> logger,
    EdgeDrain drain,
    EdgeOriginCheck origins)
{
    public EdgeOptions Options => options.Value;

    /// <summary>The draining refusal's problem-details title, alike on every path that answers it.</summary>
    public const string DrainingTitle = "Edge is draining";

    /// <summary>Whether the edge takes new connections (refused before accepting, so the client retries through the
    /// gateway, which no longer routes here).</summary>
    public bool IsDraining => drain.IsDraining;

    /// <summary>The origin rule every new connection passes.</summary>
    public EdgeOriginCheck Origins => origins;

    /// <summary>Whether a new connection may be accepted; when not, the request was answered with problem details.</summary>
    public async Task<bool> AdmitAsync(HttpContext context)
    {
        if (IsDraining)
        {
            await Results.Problem(title: DrainingTitle, statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
            return false;
        }

        return await origins.AdmitAsync(context);
    }

    /// <summary>Runs a connection over <paramref name="transport"/> until either side ends it.</summary>
    public Task RunAsync(ClientTransport transport, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RunAsync(transport, new ConnectionFacts(ClientAddress.Of(context), context.RequestAborted));
    }

    /// <summary>Runs a connection over <paramref name="transport"/> until either side ends it.</summary>
    public async Task RunAsync(ClientTransport transport, ConnectionFacts facts)
    {
        using var session = new ClientSession(transport, identity, options.Value, metrics, time, logger, heartbeat);
        session.RemoteAddress = facts.RemoteAddress;
        try
        {
            await session.RunAsync(dispatcher, facts.Aborted);
        }
        finally
        {
            if (session.Identity is not null)
            {
                sessions.Remove(session);
                metrics.Connections.Add(-1);
                try
                {
                    await subscriptions.ReleaseAllAsync(session);
                }
                catch (RpcException exception)
                {
                    // The edge's lease sweeps what this could not remove.
                    EdgeLog.CleanupFailed(logger, exception, session.ClientId);
                }
            }
        }
    }
}
