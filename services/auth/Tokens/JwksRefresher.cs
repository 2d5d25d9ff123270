namespace Classroom.Micro.Auth.Tokens;

/// <summary>Fetches the JWKS document at start and every <see cref="JwksKeySource.RefreshInterval"/>, so rotated keys arrive before tokens signed with them.</summary>
internal sealed class JwksRefresher(JwksKeySource source, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!source.IsConfigured)
        {
            return;
        }

        using var timer = new PeriodicTimer(JwksKeySource.RefreshInterval, time);
        do
        {
            // RefreshAsync logs and swallows fetch failures; the loop only ends on shutdown.
            await source.RefreshAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
