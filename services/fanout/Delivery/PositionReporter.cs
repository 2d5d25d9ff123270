using Classroom.Micro.Fanout.Edges;
using Classroom.Micro.Fanout.Telemetry;
using Classroom.Micro.Fanout.V1;
using Microsoft.Extensions.Options;

namespace Classroom.Micro.Fanout.Delivery;

/// <summary>
/// Periodically tells interested edges the last position this replica appended per channel, so an edge notices
/// a delivery lost in flight even when nothing is published after it.
/// </summary>
internal sealed class PositionReporter(
    PositionTracker positions,
    InterestTable interests,
    TimeProvider timeProvider,
    IOptions<FanoutOptions> options,
    ILogger<PositionReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PositionReportInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    ReportOnce();
                }
                catch (Exception exception)
                {
                    FanoutLog.PositionReportFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Sends one report per interested attachment covering every channel appended to since the last one.</summary>
    public void ReportOnce()
    {
        var reports = new Dictionary<EdgeAttachment, PositionReport>();
        foreach (var (channel, position) in positions.TakeRecent())
        {
            var channelPosition = new ChannelPosition
            {
                Channel = channel,
                Position = new StreamPosition { Offset = position.Offset, Epoch = position.Epoch },
            };
            foreach (var attachment in interests.Interested(channel))
            {
                if (!reports.TryGetValue(attachment, out var report))
                {
                    report = new PositionReport();
                    reports[attachment] = report;
                }

                report.Channels.Add(channelPosition);
            }
        }

        foreach (var (attachment, report) in reports)
        {
            attachment.TryEnqueue(new FanoutMessage { Positions = report });
        }
    }
}
