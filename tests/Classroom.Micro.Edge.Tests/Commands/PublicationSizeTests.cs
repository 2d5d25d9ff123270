using System.Net;
using System.Text;
using System.Text.Json;
using Classroom.Micro.Edge.Commands;
using Classroom.Micro.Edge.Configuration;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;
using Classroom.Micro.Edge.Telemetry;
using Classroom.Micro.Edge.Tests.Control;
using Classroom.Micro.Edge.Tests.Upstream;
using Classroom.Micro.ServiceDefaults.Telemetry;
using Classroom.Micro.Testing;
using Classroom.Micro.Testing.Fakes;
using Microsoft.Extensions.Options;
using Xunit;

namespace Classroom.Micro.Edge.Tests.Commands;

/// <summary>A publication larger than its namespace allows answers 106 and never reaches fanout; one within it is appended.</summary>
public sealed class PublicationSizeTests : IAsyncLifetime
{
    private FakeUpstream _upstream = null!;
    private PoolUnderTest _pool = null!;
    private LoopbackSession _session = null!;
    private ServiceTelemetry _telemetry = null!;
    private PublishHandler _publish = null!;

    public async ValueTask InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync(IPAddress.Loopback, FreePort.Next(), new FakeFanout());
        _pool = PoolUnderTest.Start([_upstream.Address.ToString()], new());
        await Eventually.HoldsAsync(() => _pool.Pool.AttachedCount == 1, TaskTimeouts.Default, "the pool attaches to the fake fanout");
        var sessions = new SessionDirectory();
        _session = await LoopbackSession.ConnectAsync("u1", null, sessions, new EdgeOptions { NodeId = "edge-1", PingInterval = TimeSpan.FromDays(1) }, TimeProvider.System);
        var options = Options.Create(new CommandOptions
        {
            MaxPublicationBytes = 100,
            PublicationBytesByNamespace = new(StringComparer.Ordinal) { ["chat"] = 20 },
        });
        var deadline = new UpstreamDeadline(options, TimeProvider.System);
        _telemetry = new ServiceTelemetry($"Classroom.Micro.Edge.Tests.PublicationSize.{Guid.NewGuid():N}");
        _publish = new PublishHandler(
            new ChannelPermissions(new CountingAuth(), options, deadline), _pool.Pool, new EdgeMetrics(_telemetry, sessions), _telemetry, options, new LimitMetrics(_telemetry));
    }

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync();
        await _pool.DisposeAsync();
        await _upstream.DisposeAsync();
        _telemetry.Dispose();
    }

    [Theory]
    [InlineData("classroom:size", 101)]
    [InlineData("chat:size", 21)]
    public async Task A_publication_one_byte_over_its_namespaces_limit_answers_106_and_is_not_appended(string channel, int bytes)
    {
        await _publish.PublishAsync(_session.Session, new PublishCommand(1, channel, Data(bytes)), TestContext.Current.CancellationToken).WithTimeout();

        using var reply = JsonDocument.Parse(await _session.NextTextAsync());
        Assert.Equal(ClientErrors.LimitExceeded.Code, reply.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Empty(_upstream.Fanout.Publishes);
    }

    [Theory]
    [InlineData("classroom:size", 100)]
    [InlineData("chat:size", 20)]
    public async Task A_publication_at_its_namespaces_limit_is_appended_and_acknowledged(string channel, int bytes)
    {
        await _publish.PublishAsync(_session.Session, new PublishCommand(2, channel, Data(bytes)), TestContext.Current.CancellationToken).WithTimeout();

        using var reply = JsonDocument.Parse(await _session.NextTextAsync());
        Assert.False(reply.RootElement.TryGetProperty("error", out _), reply.RootElement.GetRawText());
        Assert.Equal(bytes, Assert.Single(_upstream.Fanout.Publishes).Data.Length);
    }

    /// <summary>A JSON string of exactly <paramref name="bytes"/> bytes, quotes included.</summary>
    private static RawJson Data(int bytes) => RawJson.FromTrusted(Encoding.UTF8.GetBytes("\"" + new string('x', bytes - 2) + "\""));
}
