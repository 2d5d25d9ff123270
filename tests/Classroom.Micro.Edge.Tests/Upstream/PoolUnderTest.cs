using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Telemetry;
using Classroom.Micro.Edge.Upstream;
using Classroom.Micro.ServiceDefaults.Discovery;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Classroom.Micro.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Tests.Upstream;

/// <summary>A running <see cref="FanoutPool"/> over a discovery the test refreshes by hand (its timer is far away).</summary>
internal sealed class PoolUnderTest : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly EndpointDiscovery _discovery;
    private readonly ServiceTelemetry _telemetry;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private PoolUnderTest(IEnumerable<string> entries, ScriptedDns dns, TimeProvider time)
    {
        _discovery = new EndpointDiscovery(
            "fanout replicas", entries.Select(entry => EndpointTarget.Parse(new Uri(entry))).ToList(), TimeSpan.FromMinutes(10),
            dns.LookupAsync, TimeProvider.System, NullLogger<EndpointDiscovery>.Instance);
        _telemetry = new ServiceTelemetry("Classroom.Micro.Edge.Tests.Upstream");
        Pool = new FanoutPool(
            _discovery,
            new EdgeIdentity(Options.Create(new EdgeOptions { NodeId = "edge-under-test" })),
            Events,
            new EdgeMetrics(_telemetry, new SessionDirectory()),
            time,
            NullLogger<FanoutPool>.Instance);
        _running = Pool.RunAsync(_stop.Token);
    }

    public FanoutPool Pool { get; }

    public RecordingFanoutEvents Events { get; } = new();

    /// <summary>The pool's replicas right now, as absolute addresses.</summary>
    public IReadOnlyList<string> Replicas => Pool.Replicas.Select(replica => replica.AbsoluteUri).ToList();

    /// <summary>Starts a pool whose clock is <paramref name="time"/> (the system's when not given); discovery keeps the system's.</summary>
    public static PoolUnderTest Start(IEnumerable<string> entries, ScriptedDns dns, TimeProvider? time = null) => new(entries, dns, time ?? TimeProvider.System);

    /// <summary>Looks the names up now, as the discovery's timer would.</summary>
    public Task RediscoverAsync() => _discovery.RefreshAsync(CancellationToken.None).WaitAsync(Timeout);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(Timeout);
        await Pool.DisposeAsync();
        _discovery.Dispose();
        _telemetry.Dispose();
        _stop.Dispose();
    }
}
