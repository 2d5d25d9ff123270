using Classroom.Micro.Benchmarks.Compare;
using Classroom.Micro.Benchmarks.Compare.Clients;
using Classroom.Micro.Benchmarks.Compare.Reporting;
using Classroom.Micro.Benchmarks.Compare.Scenarios;
using Classroom.Micro.Benchmarks.Measurement;
using Xunit;

namespace Classroom.Micro.Benchmarks.Tests.Compare;

/// <summary>The side-by-side table's ratios, its command line, and the byte scanning every client relies on.</summary>
public sealed class CompareReportTests
{
    [Fact]
    public void The_summary_divides_each_of_ours_by_each_peer()
    {
        var report = Report(System("ours-edges", "ours (edges)", 3000), System("signalr", "SignalR", 1500), System("socketio", "Socket.IO", 1000));

        var markdown = CompareMarkdown.Write(report, chartFile: null);

        var row = markdown.Split('\n').Single(line => line.StartsWith("| connect: joins/s achieved", StringComparison.Ordinal));
        Assert.Equal("| connect: joins/s achieved at 100 arrivals/s ↑ | 3,000 | 1,500 | 1,000 | 2.00 | 3.00 |", row);
        Assert.Contains("| figure | ours (edges) | SignalR | Socket.IO | ours (edges) / SignalR | ours (edges) / Socket.IO |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_figure_a_system_did_not_measure_reads_n_a_and_so_does_its_ratio()
    {
        var markdown = CompareMarkdown.Write(Report(System("ours-edges", "ours (edges)", 3000), System("signalr", "SignalR", 1500)), chartFile: null);

        var row = markdown.Split('\n').Single(line => line.StartsWith("| knee: deliveries/s", StringComparison.Ordinal));
        Assert.EndsWith("| n/a | n/a | n/a |", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_systems_are_refused_on_the_command_line()
    {
        Assert.Throws<ArgumentException>(() => CompareCommandLine.Parse(["--systems", "ours-edges,phoenix"]));
        Assert.Equal([CompareSettings.SignalR], CompareCommandLine.Parse(["--systems", "signalr"])!.Systems);
        Assert.Equal([1000, 5000], CompareCommandLine.Parse(["--idle-connections", "5000,1000"])!.IdleConnections);
    }

    [Fact]
    public void A_stroke_is_read_from_any_protocol_s_frame_without_parsing_it()
    {
        var socketIo = "2[\"stroke\",{\"type\":\"stroke\",\"seq\":41,\"sent\":123456789,\"points\":[[1,2]]}]"u8;
        var centrifugo = "{\"push\":{\"channel\":\"classroom:1\",\"pub\":{\"data\":{\"seq\":7,\"sent\":99},\"info\":{\"user\":\"u\"},\"offset\":12}}}"u8;

        Assert.True(JsonScan.TryReadStroke(socketIo, out var sequence, out var sentAt));
        Assert.Equal((41, 123456789), (sequence, sentAt));
        Assert.True(JsonScan.TryReadLastUInt64(centrifugo, "\"offset\":"u8, out var offset));
        Assert.Equal(12UL, offset);
        Assert.False(JsonScan.TryReadStroke("{\"seq\":1}"u8, out _, out _));
    }

    private static CompareReport Report(params SystemResult[] systems) => new(
        DateTimeOffset.UnixEpoch, 1, MachineInfo.Read(), [0, 0, 0], new CompareSettings(), systems, []);

    private static SystemResult System(string key, string name, double joinsPerSecond) => new(
        key, name, name, ["redis-server"], [1], null, new ConnectRateResult(100, 100, 100, 0, null, joinsPerSecond, LatencySummary.Empty), [], null, null);
}
