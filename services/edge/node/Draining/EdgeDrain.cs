using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Telemetry;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Edge.Draining;

/// <summary>
/// Graceful leave on SIGTERM: readiness fails at once (the gateway stops routing here), new sockets are
/// refused, and existing clients are disconnected with 3001 spread over <see cref="DrainOptions.Window"/>;
/// they reconnect through the gateway to another edge and recover what they missed. The lease is released
/// afterwards by the lease keeper's stop, which removes this edge's registry entries at once.
/// </summary>
internal sealed class EdgeDrain(
    SessionDirectory sessions,
    IOptions<DrainOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<EdgeDrain> logger) : IHostedService
{
    private volatile bool _draining;
    private Task _drained = Task.CompletedTask;

    /// <summary>True from the moment the host was asked to stop.</summary>
    public bool IsDraining => _draining;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() =>
        {
            _draining = true;
            _drained = Task.Run(DrainAsync);
        });
        return Task.CompletedTask;
    }

    /// <summary>Waits (within the host's shutdown timeout) until every client left and was cleaned up.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _drained.WaitAsync(cancellationToken);
        while (sessions.Count > 0 && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task DrainAsync()
    {
        var clients = sessions.All.ToArray();
        Random.Shared.Shuffle(clients);
        var window = options.Value.Window;
        EdgeLog.DrainStarted(logger, clients.Length, (long)window.TotalMilliseconds);
        var started = time.GetTimestamp();
        for (var i = 0; i < clients.Length; i++)
        {
            var due = clients.Length == 1 ? TimeSpan.Zero : window * i / clients.Length;
            var wait = due - time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time);
            }

            clients[i].Disconnect(Disconnects.Shutdown);
        }

        // Anyone who slipped in before readiness failed leaves too.
        foreach (var late in sessions.All)
        {
            late.Disconnect(Disconnects.Shutdown);
        }

        EdgeLog.DrainFinished(logger, clients.Length);
    }
}
