using System.Threading.Channels;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Telemetry;
using Classroom.Micro.Fanout.V1;
using Classroom.Micro.ServiceDefaults.Discovery;
using Classroom.Micro.ServiceDefaults.Grpc;
using Classroom.Micro.ServiceDefaults.InternalPlane;
using Classroom.Micro.ServiceDefaults.Resilience;
using Classroom.Micro.ServiceDefaults.Routing;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Classroom.Micro.Edge.Upstream;

/// <summary>
/// This edge's links to every fanout replica discovery lists: the interest set (channels with local subscribers) kept
/// in step on every stream, each channel's publishes sent to the one attached replica that ranks first for it
/// (<see cref="ReplicaRendezvous"/>, the same on every edge, so a channel's deliveries come over one stream in offset
/// order), and stream reads spread round robin. A replica that
/// appears gets a link (which declares the whole interest set when it attaches, like every link); a replica that
/// leaves has its stream closed and is no longer picked, and its channel is disposed once calls already sent through it
/// have had their deadline, or at once when the pool is disposed.
/// </summary>
internal sealed class FanoutPool : IAsyncDisposable
{
    /// <summary>Longest wait for a replica's publish answer (Redis timeouts and replica confirmations included).</summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait for a replica's stream read.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(6);

    private readonly Lock _interestLock = new();
    private readonly HashSet<string> _interest = new(StringComparer.Ordinal);
    private readonly List<FanoutMember> _retiring = [];
    private readonly List<Task> _retirements = [];
    private readonly CancellationTokenSource _disposing = new();
    private readonly EndpointDiscovery _replicas;
    private readonly string _edgeId;
    private readonly IFanoutEvents _events;
    private readonly EdgeMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<FanoutPool> _logger;
    private readonly CallerCredential? _caller;
    private readonly FanoutReadOptions _reads;
    private readonly ControlLogCursor _controlLog;
    private readonly BackoffOptions _reconnectBackoff;
    private FanoutMember[] _members = [];
    private bool _stopped;
    private int _roundRobin;

    public FanoutPool(
        EndpointDiscovery replicas,
        EdgeIdentity identity,
        IFanoutEvents events,
        EdgeMetrics metrics,
        TimeProvider time,
        ILogger<FanoutPool> logger,
        CallerAssertionIssuer? caller = null,
        IOptions<FanoutReadOptions>? reads = null,
        IOptionsMonitor<BackoffOptions>? backoffs = null)
    {
        _reconnectBackoff = backoffs?.Get(BackoffNames.FanoutReconnect) ?? BackoffNames.DefaultsOf(BackoffNames.FanoutReconnect);
        _caller = caller?.To(InternalServices.Fanout);
        _reads = reads?.Value ?? new FanoutReadOptions();
        _controlLog = new ControlLogCursor(time.GetUtcNow().ToUnixTimeMilliseconds());
        _replicas = replicas;
        _edgeId = identity.NodeId;
        _events = events;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <summary>How many replica streams are attached right now (replicas that left do not count).</summary>
    public int AttachedCount => Volatile.Read(ref _members).Count(member => member.Link.IsAttached);

    /// <summary>The replicas the pool has a link to right now, attached or not.</summary>
    public IReadOnlyList<Uri> Replicas => Volatile.Read(ref _members).Select(member => member.Address).ToList();

    /// <summary>Keeps a link to every discovered replica, following discovery, until <paramref name="stopping"/>.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using (ChangeToken.OnChange(_replicas.GetChangeToken, () => Reconcile(stopping)))
        {
            // Synchronously, before the first await: the hosted service's start returns with every known link running.
            Reconcile(stopping);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, stopping);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        FanoutMember[] running;
        lock (_interestLock)
        {
            _stopped = true;
            running = [.. _members, .. _retiring];
        }

        await Task.WhenAll(running.Select(member => member.StopAsync()));
    }

    /// <summary>
    /// Declares local subscribers on <paramref name="channel"/> to every replica. The returned task completes
    /// once every attached replica acknowledged (publications appended after that reach this edge).
    /// </summary>
    public Task AddInterest(string channel) => ChangeInterest(channel, subscribe: true);

    /// <summary>Withdraws interest in <paramref name="channel"/> from every replica.</summary>
    public Task RemoveInterest(string channel) => ChangeInterest(channel, subscribe: false);

    /// <summary>
    /// Appends a publication through the channel's replica: the attached replica ranking first for the channel, the
    /// next attached one while it is down (falling back to the first ranked when none is attached). A replica that does
    /// not answer in time fails the publish (the client gets a definite error) instead of holding its session. Routing
    /// is an optimisation: publishes of one channel through two replicas (while the set changes) are still appended in
    /// one order, and each edge's hub orders what it receives by offset.
    /// </summary>
    public async Task<PublishResponse> PublishAsync(PublishRequest request, CancellationToken cancellation) =>
        await PickLinkFor(request.Channel).Client.PublishAsync(request, deadline: Deadline(PublishTimeout), cancellationToken: cancellation);

    /// <summary>The byte bounds of this edge's stream reads (<c>Edge:Reads</c>).</summary>
    public FanoutReadOptions Reads => _reads;

    /// <summary>
    /// Reads a channel's stream in byte-bounded pages (<see cref="StreamPager"/>), gathering at most
    /// <see cref="FanoutReadOptions.MaxReadBytes"/>; <c>truncated</c> in the answer says the budget stopped it.
    /// </summary>
    public Task<ReadStreamResponse> ReadStreamAsync(ReadStreamRequest request, CancellationToken cancellation) =>
        ReadStreamAsync(request, _reads.MaxReadBytes, cancellation);

    /// <summary>
    /// Reads a channel's stream in byte-bounded pages through the replicas, gathering at most <paramref name="maxBytes"/>
    /// of publications (the page that crosses it included); <c>truncated</c> in the answer says the budget stopped it
    /// with more to read. Hubs read on their only loop, so a replica that hangs must fail the read (the hub retries)
    /// rather than stall every subscriber of the channel: each page has its own deadline.
    /// </summary>
    public Task<ReadStreamResponse> ReadStreamAsync(ReadStreamRequest request, long maxBytes, CancellationToken cancellation) =>
        StreamPager.ReadAsync(request, _reads.PageBytes, maxBytes, async page =>
            await PickLink().Client.ReadStreamAsync(page, deadline: Deadline(ReadTimeout), cancellationToken: cancellation));

    /// <summary>Removes a channel's publications (its position stays) through one replica.</summary>
    public async Task<RemoveHistoryResponse> RemoveHistoryAsync(RemoveHistoryRequest request, CancellationToken cancellation) =>
        await PickLink().Client.RemoveHistoryAsync(request, deadline: Deadline(PublishTimeout), cancellationToken: cancellation);

    /// <summary>
    /// Hands an ephemeral event (presence change, control command) to one replica, which tells the edges. A replica
    /// that does not answer in time fails the announcement rather than holding its caller.
    /// </summary>
    public async Task AnnounceAsync(AnnounceRequest request, CancellationToken cancellation) =>
        await PickLink().Client.AnnounceAsync(request, deadline: Deadline(PublishTimeout), cancellationToken: cancellation);

    internal Task<bool> OnAttaching(FanoutLink link, Channel<EdgeMessage> outgoing)
    {
        lock (_interestLock)
        {
            return link.Activate(outgoing, _interest.ToArray());
        }
    }

    internal void OnDetached(FanoutLink link)
    {
        lock (_interestLock)
        {
            link.Deactivate();
        }
    }

    public async ValueTask DisposeAsync()
    {
        FanoutMember[] all;
        Task[] retirements;
        lock (_interestLock)
        {
            if (_disposing.IsCancellationRequested)
            {
                return;
            }

            _stopped = true;
            all = [.. _members, .. _retiring];
            retirements = [.. _retirements];
            _members = [];
            _retiring.Clear();
            _retirements.Clear();
            // Under the lock, so a retirement that reads the token afterwards finds it cancelled.
            _disposing.Cancel();
        }

        foreach (var member in all)
        {
            await member.DisposeAsync();
        }

        // Their grace periods are cut short and their members disposed above: nothing of the pool outlives it.
        await Task.WhenAll(retirements);
        _disposing.Dispose();
    }

    private Task ChangeInterest(string channel, bool subscribe)
    {
        Task<bool>[] acknowledgements;
        lock (_interestLock)
        {
            var changed = subscribe ? _interest.Add(channel) : _interest.Remove(channel);
            if (!changed)
            {
                return Task.CompletedTask;
            }

            string[] channels = [channel];
            acknowledgements = _members.Select(member => member.Link.SendInterest(subscribe, channels)).ToArray();
        }

        return Task.WhenAll(acknowledgements);
    }

    private FanoutLink PickLink()
    {
        var members = Volatile.Read(ref _members);
        if (members.Length == 0)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "no fanout replica is known"));
        }

        var start = (int)((uint)Interlocked.Increment(ref _roundRobin) % (uint)members.Length);
        for (var i = 0; i < members.Length; i++)
        {
            var link = members[(start + i) % members.Length].Link;
            if (link.IsAttached)
            {
                return link;
            }
        }

        return members[start].Link;
    }

    /// <summary>The channel's replica (see <see cref="PublishAsync"/>).</summary>
    internal FanoutLink PickLinkFor(string channel)
    {
        var members = Volatile.Read(ref _members);
        if (members.Length == 0)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "no fanout replica is known"));
        }

        var channelHash = ReplicaRendezvous.Hash(channel);
        FanoutMember? best = null;
        FanoutMember? bestAttached = null;
        var bestWeight = 0UL;
        var bestAttachedWeight = 0UL;
        foreach (var member in members)
        {
            var weight = ReplicaRendezvous.Weight(channelHash, member.AddressHash);
            if (best is null || weight > bestWeight)
            {
                (best, bestWeight) = (member, weight);
            }

            if (member.Link.IsAttached && (bestAttached is null || weight > bestAttachedWeight))
            {
                (bestAttached, bestAttachedWeight) = (member, weight);
            }
        }

        return (bestAttached ?? best)!.Link;
    }

    /// <summary>Makes the links match discovery's replicas: new ones are started, those that left are retired.</summary>
    private void Reconcile(CancellationToken stopping)
    {
        var added = new List<FanoutMember>();
        Dictionary<string, FanoutMember> left;
        lock (_interestLock)
        {
            if (_stopped || stopping.IsCancellationRequested)
            {
                return;
            }

            // Read under the lock: the start's reconcile and a change's can overlap, and the one that applies last
            // must be the one that read last, or a stale (at start, empty) set would undo the newer one for good.
            var wanted = _replicas.Endpoints;

            left = _members.ToDictionary(member => member.Address.AbsoluteUri, StringComparer.Ordinal);
            var next = new List<FanoutMember>(wanted.Count);
            foreach (var address in wanted)
            {
                if (!left.Remove(address.AbsoluteUri, out var member))
                {
                    member = CreateMember(address, stopping);
                    added.Add(member);
                }

                next.Add(member);
            }

            if (added.Count == 0 && left.Count == 0)
            {
                return;
            }

            _retiring.AddRange(left.Values);
            Volatile.Write(ref _members, [.. next]);
            _retirements.RemoveAll(retirement => retirement.IsCompleted);
            _retirements.AddRange(left.Values.Select(member => RetireAsync(member, _disposing.Token)));
        }

        foreach (var member in left.Values)
        {
            EdgeLog.FanoutReplicaLeft(_logger, member.Address);
        }

        foreach (var member in added)
        {
            EdgeLog.FanoutReplicaJoined(_logger, member.Address);
            member.Start(this);
        }
    }

    /// <summary>A call deadline <paramref name="timeout"/> from now, on the pool's clock.</summary>
    private DateTime Deadline(TimeSpan timeout) => _time.GetUtcNow().UtcDateTime + timeout;

    private FanoutMember CreateMember(Uri address, CancellationToken stopping)
    {
        // Publishes are not idempotent: a retried call could append twice, so this channel never retries.
        var channel = GrpcClientDefaults.CreateChannel(address, _caller, retryUnavailable: false);
        var link = new FanoutLink(address, new FanoutService.FanoutServiceClient(channel), _edgeId, _events, _metrics, _logger, _controlLog, _reconnectBackoff, _time);
        return new FanoutMember(address, channel, link, stopping);
    }

    /// <summary>Stops a member that left, and disposes it once calls sent through it are past their deadline.</summary>
    private async Task RetireAsync(FanoutMember member, CancellationToken disposing)
    {
        // Its caller holds the interest lock, which the stopping link's detach takes too: nothing of this runs under it.
        await Task.Yield();
        await member.StopAsync();
        try
        {
            // Calls already sent through this replica keep its channel until their deadline: they succeed or fail on
            // their own, as they would if the replica had died.
            await Task.Delay(PublishTimeout, _time, disposing);
        }
        catch (OperationCanceledException)
        {
            // The pool is being disposed, and disposes the member itself.
        }

        lock (_interestLock)
        {
            if (!_retiring.Remove(member))
            {
                return;
            }
        }

        await member.DisposeAsync();
    }
}
