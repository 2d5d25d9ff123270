namespace Classroom.Micro.Edge.Upstream;

/// <summary>Keeps the edge's streams to every fanout replica attached for the process's life.</summary>
internal sealed class FanoutLinksService(FanoutPool pool) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => pool.RunAsync(stoppingToken);
}
