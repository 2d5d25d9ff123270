using System.Threading.Channels;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Telemetry;
using Classroom.Micro.Fanout.V1;
using Classroom.Micro.ServiceDefaults.Grpc;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Upstream;

/// <summary>
/// This edge's links to every fanout replica: the interest set (channels with local subscribers) kept in
/// step on every stream, publishes spread round robin over attached replicas, and stream reads.
/// </summary>
internal sealed class FanoutPool : IAsyncDisposable
{
    /// <summary>Longest wait for a replica's publish answer (Redis timeouts and replica confirmations included).</summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait for a replica's stream read.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(6);

    private readonly Lock _interestLock = new();
    private readonly HashSet<string> _interest = new(StringComparer.Ordinal);
    private readonly List<GrpcChannel> _channels = [];
    private readonly FanoutLink[] _links;
    private int _roundRobin;

    public FanoutPool(IOptions<EdgeOptions> options, EdgeIdentity identity, IFanoutEvents events, EdgeMetrics metrics, ILogger<FanoutPool> logger)
    {
        _links = options.Value.FanoutAddresses.Select(address =>
        {
            // Publishes are not idempotent: a retried call could append twice, so this channel never retries.
            var channel = GrpcClientDefaults.CreateChannel(address, retryUnavailable: false);
            _channels.Add(channel);
            return new FanoutLink(address, new FanoutService.FanoutServiceClient(channel), identity.NodeId, events, metrics, logger);
        }).ToArray();
    }

    /// <summary>How many replica streams are attached right now.</summary>
    public int AttachedCount => _links.Count(link => link.IsAttached);

    /// <summary>Runs every link until <paramref name="stopping"/>.</summary>
    public Task RunAsync(CancellationToken stopping) => Task.WhenAll(_links.Select(link => link.RunAsync(this, stopping)));

    /// <summary>
    /// Declares local subscribers on <paramref name="channel"/> to every replica. The returned task completes
    /// once every attached replica acknowledged (publications appended after that reach this edge).
    /// </summary>
    public Task AddInterest(string channel) => ChangeInterest(channel, subscribe: true);

    /// <summary>Withdraws interest in <paramref name="channel"/> from every replica.</summary>
    public Task RemoveInterest(string channel) => ChangeInterest(channel, subscribe: false);

    /// <summary>
    /// Appends a publication through one attached replica (falling back to any replica). A replica that does not
    /// answer in time fails the publish (the client gets a definite error) instead of holding its session.
    /// </summary>
    public async Task<PublishResponse> PublishAsync(PublishRequest request, CancellationToken cancellation) =>
        await PickLink().Client.PublishAsync(request, deadline: DateTime.UtcNow + PublishTimeout, cancellationToken: cancellation);

    /// <summary>
    /// Reads a channel's stream through one replica. Hubs read on their only loop, so a replica that hangs must
    /// fail the read (the hub retries) rather than stall every subscriber of the channel.
    /// </summary>
    public async Task<ReadStreamResponse> ReadStreamAsync(ReadStreamRequest request, CancellationToken cancellation) =>
        await PickLink().Client.ReadStreamAsync(request, deadline: DateTime.UtcNow + ReadTimeout, cancellationToken: cancellation);

    /// <summary>Removes a channel's publications (its position stays) through one replica.</summary>
    public async Task<RemoveHistoryResponse> RemoveHistoryAsync(RemoveHistoryRequest request, CancellationToken cancellation) =>
        await PickLink().Client.RemoveHistoryAsync(request, deadline: DateTime.UtcNow + PublishTimeout, cancellationToken: cancellation);

    /// <summary>Hands an ephemeral event (presence change, control command) to one replica, which tells the edges.</summary>
    public async Task AnnounceAsync(AnnounceRequest request, CancellationToken cancellation) =>
        await PickLink().Client.AnnounceAsync(request, cancellationToken: cancellation);

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
        foreach (var channel in _channels)
        {
            await channel.ShutdownAsync();
            channel.Dispose();
        }
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
            acknowledgements = _links.Select(link => link.SendInterest(subscribe, channels)).ToArray();
        }

        return Task.WhenAll(acknowledgements);
    }

    private FanoutLink PickLink()
    {
        var start = (int)((uint)Interlocked.Increment(ref _roundRobin) % (uint)_links.Length);
        for (var i = 0; i < _links.Length; i++)
        {
            var link = _links[(start + i) % _links.Length];
            if (link.IsAttached)
            {
                return link;
            }
        }

        return _links[start];
    }
}
