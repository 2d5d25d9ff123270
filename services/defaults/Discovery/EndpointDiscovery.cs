using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Classroom.Micro.ServiceDefaults.Discovery;

/// <summary>
/// The current endpoints of a list of <see cref="EndpointTarget"/>s: fixed addresses as they are, DNS names looked up
/// every refresh interval. A lookup that fails (or finds nothing) keeps that name's last endpoints, so a DNS blip or a
/// moment without ready pods never empties a pool. Users read <see cref="Endpoints"/> and watch
/// <see cref="GetChangeToken"/>, which fires only when the set really changed.
/// </summary>
public sealed class EndpointDiscovery : BackgroundService
{
    /// <summary>A lookup that has not answered in this time counts as failed.</summary>
    public static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    private readonly IReadOnlyList<EndpointTarget> _targets;
    private readonly IReadOnlyList<Uri>[] _resolved;
    private readonly bool[] _failing;
    private readonly TimeSpan _refreshInterval;
    private readonly HostAddressLookup _lookup;
    private readonly TimeProvider _time;
    private readonly ILogger<EndpointDiscovery> _logger;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private IReadOnlyList<Uri> _endpoints;
    private CancellationTokenSource _changed = new();
    private IChangeToken _changeToken;

    /// <param name="name">What the endpoints are (fanout replicas, edges), for logs.</param>
    /// <param name="targets">The configured entries, in order; endpoints keep that order, each name's sorted.</param>
    /// <param name="refreshInterval">Time between lookups.</param>
    /// <param name="lookup">The DNS lookup.</param>
    /// <param name="time">The clock of the refresh timer and lookup timeout.</param>
    /// <param name="logger">Where failures and changes are logged.</param>
    public EndpointDiscovery(
        string name,
        IReadOnlyList<EndpointTarget> targets,
        TimeSpan refreshInterval,
        HostAddressLookup lookup,
        TimeProvider time,
        ILogger<EndpointDiscovery> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(refreshInterval, TimeSpan.Zero);
        Name = name;
        _targets = targets;
        _resolved = targets.Select(_ => (IReadOnlyList<Uri>)[]).ToArray();
        _failing = new bool[targets.Count];
        _refreshInterval = refreshInterval;
        _lookup = lookup;
        _time = time;
        _logger = logger;
        _endpoints = Combine();
        _changeToken = new CancellationChangeToken(_changed.Token);
    }

    /// <summary>What the endpoints are, for logs.</summary>
    public string Name { get; }

    /// <summary>True when some entry is looked up in DNS (the endpoints can change).</summary>
    public bool IsDynamic => _targets.Any(target => target.IsDns);

    /// <summary>The current endpoints (distinct). Empty until a DNS-only list has resolved once.</summary>
    public IReadOnlyList<Uri> Endpoints => Volatile.Read(ref _endpoints);

    /// <summary>
    /// A token that fires once the endpoints differ from what <see cref="Endpoints"/> returned after this call; take the
    /// token first, then read the endpoints (as <see cref="ChangeToken.OnChange(Func{IChangeToken?}, Action)"/> does).
    /// </summary>
    public IChangeToken GetChangeToken() => Volatile.Read(ref _changeToken);

    /// <summary>Looks up every DNS entry once and publishes the result if the set changed.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            for (var i = 0; i < _targets.Count; i++)
            {
                if (_targets[i].IsDns)
                {
                    _resolved[i] = await LookUpAsync(i, cancellationToken);
                }
            }

            Publish(Combine());
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        base.Dispose();
        _refreshing.Dispose();
        _changed.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsDynamic)
        {
            return;
        }

        using var timer = new PeriodicTimer(_refreshInterval, _time);
        try
        {
            do
            {
                await RefreshAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task<IReadOnlyList<Uri>> LookUpAsync(int index, CancellationToken cancellationToken)
    {
        var target = _targets[index];
        var previous = _resolved[index];
        Exception? failure = null;
        string reason;
        try
        {
            using var timeout = new CancellationTokenSource(LookupTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var endpoints = target.EndpointsOf(await _lookup(target.HostName!, linked.Token));
            if (endpoints.Count > 0)
            {
                if (_failing[index])
                {
                    _failing[index] = false;
                    DiscoveryLog.LookupRecovered(_logger, target.HostName!, Name, endpoints.Count);
                }

                return endpoints;
            }

            reason = "no addresses";
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            failure = exception;
            reason = exception is OperationCanceledException ? "timed out" : exception.Message;
        }

        // Logged once per streak: a name that stays unresolvable (no ready pods) must not flood the log.
        if (!_failing[index])
        {
            _failing[index] = true;
            DiscoveryLog.LookupFailed(_logger, failure, target.HostName!, Name, reason, previous.Count);
        }

        return previous;
    }

    private List<Uri> Combine() =>
        _targets
            .SelectMany((target, i) => target.IsDns ? _resolved[i] : [target.Address])
            .DistinctBy(endpoint => endpoint.AbsoluteUri, StringComparer.Ordinal)
            .ToList();

    private void Publish(List<Uri> endpoints)
    {
        var current = Volatile.Read(ref _endpoints);
        if (endpoints.Select(endpoint => endpoint.AbsoluteUri).SequenceEqual(current.Select(endpoint => endpoint.AbsoluteUri), StringComparer.Ordinal))
        {
            return;
        }

        Volatile.Write(ref _endpoints, endpoints);
        DiscoveryLog.EndpointsChanged(_logger, Name, endpoints.Count, endpoints);
        // The endpoints and the next token are written before this token fires, so a user woken by it reads the new
        // set and watches the next change. Tokens are handed out from _changeToken, never read off a source, so one
        // taken just as its source is disposed is still usable (it has fired: its user reads the endpoints again).
        var next = new CancellationTokenSource();
        var fired = Interlocked.Exchange(ref _changed, next);
        Volatile.Write(ref _changeToken, new CancellationChangeToken(next.Token));
        try
        {
            fired.Cancel();
        }
        catch (AggregateException exception)
        {
            DiscoveryLog.ChangeCallbackFailed(_logger, exception, Name);
        }
        finally
        {
            fired.Dispose();
        }
    }
}
