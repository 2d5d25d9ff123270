using Classroom.Micro.ServiceDefaults.Routing;
using Grpc.Net.Client;

namespace Classroom.Micro.Edge.Upstream;

/// <summary>
/// One fanout replica the pool knows: its channel, its link, and the loop that keeps the link attached until the
/// replica leaves discovery or the edge stops.
/// </summary>
internal sealed class FanoutMember : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly CancellationTokenSource _stop;
    private Task _running = Task.CompletedTask;

    public FanoutMember(Uri address, GrpcChannel channel, FanoutLink link, CancellationToken stopping)
    {
        Address = address;
        AddressHash = ReplicaRendezvous.Hash(address.AbsoluteUri);
        _channel = channel;
        Link = link;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    }

    public Uri Address { get; }

    /// <summary>The address's <see cref="ReplicaRendezvous.Hash"/>, computed once.</summary>
    public ulong AddressHash { get; }

    public FanoutLink Link { get; }

    /// <summary>Starts keeping the link attached.</summary>
    public void Start(FanoutPool pool) => _running = Link.RunAsync(pool, _stop.Token);

    /// <summary>Closes the link's stream and waits for its loop to end; calls already sent keep the channel.</summary>
    public async Task StopAsync()
    {
        try
        {
            await _stop.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The pool was disposed while this replica was retiring: it is stopped already.
        }

        await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _channel.ShutdownAsync();
        _channel.Dispose();
        _stop.Dispose();
    }
}
