using System.Text.Json;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Subscriptions;
using Classroom.Micro.Edge.Telemetry;
using Classroom.Micro.Edge.Tests.Control;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Subscriptions;

/// <summary>
/// A channel hub over a scripted stream, its subscribers real sessions on loopback WebSockets: joins that wait together
/// are served by one read, and a publication arriving while that read is out reaches every subscriber once, in order.
/// </summary>
public sealed class ChannelHubJoinTests : IAsyncDisposable
{
    private const string Channel = "classroom:1";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly ScriptedStream _stream = new(Channel);
    private readonly SessionDirectory _sessions = new();
    private readonly EdgeOptions _options = new();
    private readonly TaskCompletionSource _interest = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<LoopbackSession> _clients = [];
    private readonly ChannelHub _hub;

    public ChannelHubJoinTests()
    {
        var telemetry = new ServiceTelemetry("Classroom.Micro.Edge.Tests");
        _hub = new ChannelHub(Channel, _interest.Task, _stream, _options, new EdgeMetrics(telemetry, _sessions), new DeliveryTracing(telemetry), TimeProvider.System, NullLogger.Instance);
    }

    [Fact]
    public async Task Joins_waiting_together_share_one_read_and_a_publication_arriving_meanwhile_reaches_everyone_once_in_order()
    {
        for (var i = 0; i < 10; i++)
        {
            _stream.Append();
        }

        var reading = _stream.Close();
        var (early, earlyJoined) = await JoinAsync(recoverFrom: 4);
        var (late, lateJoined) = await JoinAsync(recoverFrom: 8);
        var (fresh, freshJoined) = await JoinAsync(recoverFrom: null);
        // The hub starts (reads its position) only now, with all three joins in its inbox.
        _interest.SetResult();
        await reading.WaitAsync(Timeout, TestContext.Current.CancellationToken);

        _hub.Post(new HubWork.Deliver(_stream.Append()));
        var (afterPublication, afterJoined) = await JoinAsync(recoverFrom: 9);
        _stream.Open();
        Assert.True(await Task.WhenAll(earlyJoined, lateJoined, freshJoined, afterJoined).WaitAsync(Timeout, TestContext.Current.CancellationToken) is [true, true, true, true]);
        _hub.Post(new HubWork.Deliver(_stream.Append()));

        Assert.Equal(2, _stream.PublicationReads);
        Assert.Equal("recovered 5,6,7,8,9,10; pushed 11,12", await ReceivedAsync(early, through: 12));
        Assert.Equal("recovered 9,10; pushed 11,12", await ReceivedAsync(late, through: 12));
        Assert.Equal("recovered ; pushed 11,12", await ReceivedAsync(fresh, through: 12));
        Assert.Equal("recovered 10,11; pushed 12", await ReceivedAsync(afterPublication, through: 12));
    }

    public async ValueTask DisposeAsync()
    {
        _hub.Post(new HubWork.Stop());
        await _hub.Completion.WaitAsync(Timeout);
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }

    private async Task<(LoopbackSession Client, Task<bool> Joined)> JoinAsync(ulong? recoverFrom)
    {
        var client = await LoopbackSession.ConnectAsync($"user-{_clients.Count}", null, _sessions, _options, TimeProvider.System);
        _clients.Add(client);
        var ticket = new JoinTicket();
        var command = new SubscribeCommand((uint)_clients.Count, Channel, Recover: recoverFrom is not null, recoverFrom ?? 0, recoverFrom is null ? null : _stream.Epoch, JoinLeave: false, Token: null);
        _hub.Post(new HubWork.Join(client.Session, command, ticket));
        return (client, ticket.Outcome);
    }

    /// <summary>The offsets recovered in the subscribe reply, then those pushed live, until <paramref name="through"/> is pushed.</summary>
    private static async Task<string> ReceivedAsync(LoopbackSession client, ulong through)
    {
        // A frame may carry several messages, one JSON per line (the protocol's batching).
        var lines = new Queue<string>();
        async Task<JsonDocument> NextAsync()
        {
            while (lines.Count == 0)
            {
                foreach (var line in (await client.NextTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    lines.Enqueue(line);
                }
            }

            return JsonDocument.Parse(lines.Dequeue());
        }

        using var reply = await NextAsync();
        var recovered = reply.RootElement.GetProperty("subscribe").TryGetProperty("publications", out var publications)
            ? publications.EnumerateArray().Select(publication => publication.GetProperty("offset").GetUInt64()).ToArray()
            : [];
        var pushed = new List<ulong>();
        while (pushed.Count == 0 || pushed[^1] < through)
        {
            using var push = await NextAsync();
            pushed.Add(push.RootElement.GetProperty("push").GetProperty("pub").GetProperty("offset").GetUInt64());
        }

        return $"recovered {string.Join(',', recovered)}; pushed {string.Join(',', pushed)}";
    }
}
