using System.Text;
using Classroom.Micro.Fanout.V1;
using Classroom.Micro.Registry.Subscriptions;
using Classroom.Micro.Registry.Telemetry;
using Classroom.Micro.ServiceDefaults.Discovery;
using Classroom.Micro.ServiceDefaults.Grpc;
using Classroom.Micro.ServiceDefaults.InternalPlane;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Primitives;

namespace Classroom.Micro.Registry.Presence;

/// <summary>
/// Tells a channel's other members that a connection left when its edge died (the edge itself can no longer
/// say so): a <c>leave</c> announced through any fanout replica reaches every edge with subscribers.
/// Best effort — presence itself is read from the registry, which is already correct. The replicas are the ones
/// discovery lists right now; a channel is kept per replica and closed when the replica leaves (after the
/// announcement deadline, or at once when the announcer is disposed).
/// </summary>
internal sealed class LeaveAnnouncer : IDisposable
{
    private static readonly TimeSpan AnnounceTimeout = TimeSpan.FromSeconds(2);

    private readonly EndpointDiscovery _fanouts;
    private readonly TimeProvider _time;
    private readonly ILogger<LeaveAnnouncer> _logger;
    private readonly CallerCredential? _caller;
    private readonly Lock _lock = new();
    private readonly IDisposable _following;
    private readonly CancellationTokenSource _disposing = new();
    private readonly List<FanoutClient> _closing = [];
    private FanoutClient[] _clients = [];
    private bool _disposed;
    private int _next;

    public LeaveAnnouncer(EndpointDiscovery fanouts, TimeProvider time, ILogger<LeaveAnnouncer> logger, CallerAssertionIssuer? caller = null)
    {
        _caller = caller?.To(InternalServices.Fanout);
        _fanouts = fanouts;
        _time = time;
        _logger = logger;
        // Watching before the first read, so a change in between is not missed.
        _following = ChangeToken.OnChange(fanouts.GetChangeToken, Follow);
        Follow();
    }

    public async Task AnnounceLeaveAsync(ChannelSubscription left, CancellationToken cancellationToken)
    {
        var request = new AnnounceRequest
        {
            Presence = new PresenceChange
            {
                Channel = left.Channel,
                Joined = false,
                Info = new ClientInfo
                {
                    User = left.UserId,
                    Client = left.ConnectionId,
                    ConnInfo = ByteString.CopyFrom(Encoding.UTF8.GetBytes(left.ConnInfoJson)),
                },
            },
        };

        var start = Interlocked.Increment(ref _next);
        for (var attempt = 0; attempt < Volatile.Read(ref _clients).Length; attempt++)
        {
            // Read again each attempt: a replica that left meanwhile is not tried, and its channel may be closed.
            var clients = Volatile.Read(ref _clients);
            if (clients.Length == 0)
            {
                return;
            }

            var client = clients[(int)((uint)(start + attempt) % (uint)clients.Length)].Client;
            try
            {
                await client.AnnounceAsync(request, deadline: _time.GetUtcNow().UtcDateTime + AnnounceTimeout, cancellationToken: cancellationToken);
                return;
            }
            catch (RpcException exception)
            {
                _logger.LeaveAnnouncementFailed(exception, left.Channel);
            }
        }
    }

    public void Dispose()
    {
        _following.Dispose();
        FanoutClient[] clients;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            clients = [.. _clients, .. _closing];
            _clients = [];
            _closing.Clear();
        }

        // Ends the waits of channels still closing: nothing of the announcer outlives it.
        _disposing.Cancel();
        _disposing.Dispose();
        foreach (var client in clients)
        {
            client.Channel.Dispose();
        }
    }

    private void Follow()
    {
        Dictionary<string, FanoutClient> left;
        CancellationToken disposing;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            // Read under the lock, so that of two overlapping calls (the constructor's and a change's) the one that
            // applies last read last: a stale set applied after a newer one would stay until the next change.
            var wanted = _fanouts.Endpoints;

            left = _clients.ToDictionary(client => client.Address.AbsoluteUri, StringComparer.Ordinal);
            var next = new FanoutClient[wanted.Count];
            for (var i = 0; i < wanted.Count; i++)
            {
                next[i] = left.Remove(wanted[i].AbsoluteUri, out var kept) ? kept : FanoutClient.Create(wanted[i], _caller);
            }

            Volatile.Write(ref _clients, next);
            _closing.AddRange(left.Values);
            disposing = _disposing.Token;
        }

        foreach (var client in left.Values)
        {
            _ = CloseLaterAsync(client, disposing);
        }
    }

    /// <summary>Closes the channel of a replica that left; disposing the announcer closes it at once instead.</summary>
    private async Task CloseLaterAsync(FanoutClient client, CancellationToken disposing)
    {
        try
        {
            // An announcement already sent through the replica that left ends within its deadline; then the channel goes.
            await Task.Delay(AnnounceTimeout, _time, disposing);
        }
        catch (OperationCanceledException)
        {
            // Disposed: the announcer closed the channel already.
        }

        lock (_lock)
        {
            if (!_closing.Remove(client))
            {
                return;
            }
        }

        client.Channel.Dispose();
    }

    private sealed record FanoutClient(Uri Address, GrpcChannel Channel, FanoutService.FanoutServiceClient Client)
    {
        public static FanoutClient Create(Uri address, CallerCredential? caller)
        {
            var channel = GrpcClientDefaults.CreateChannel(address, caller);
            return new FanoutClient(address, channel, new FanoutService.FanoutServiceClient(channel));
        }
    }
}
