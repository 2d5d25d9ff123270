using Classroom.Micro.Testing;
using Classroom.Micro.EndToEnd.Tests.Security;
using Xunit;

namespace Classroom.Micro.EndToEnd.Tests.Limits;

/// <summary>
/// Issue #10's per-connection, per-user and per-address limits on the real cluster: each answers a hostile client
/// with its protocol code while the rest of the class keeps receiving (see <c>tests/e2e/hostile-class.mjs</c>).
/// </summary>
public sealed class EdgeLimitTests(EdgeLimitRun run) : IClassFixture<EdgeLimitRun>
{
    private const int Timeout = 300_000;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = Timeout)]
    public async Task The_other_29_members_receive_every_publication_once_in_order_while_a_hostile_student_attacks()
    {
        var (result, output) = await run.GetAsync().WaitAsync(RunTimeout, Cancellation);

        Assert.True(result.Acked == EdgeLimitRun.Publications, $"the teacher's acked publishes: {result.Acked}.\n{output}");
        Assert.True(result.DeliveryError is null, $"{result.DeliveryError}.\n{output}");
        Assert.Equal(29, result.Students.Count);
        foreach (var student in result.Students)
        {
            // Once each (the SDK's events), and sent in order with no gap (the pushes as they arrived).
            Assert.True(student.Received.Order().SequenceEqual(Enumerable.Range(1, EdgeLimitRun.Publications).Select(n => (int?)n)), $"{student.Label} received {string.Join(",", student.Received)}.\n{output}");
            Assert.True(student.SentOffsets.Zip(student.SentOffsets.Skip(1)).All(pair => pair.Second == pair.First + 1) && student.SentOffsets.Count == EdgeLimitRun.Publications, $"{student.Label} was sent offsets {string.Join(",", student.SentOffsets)}.\n{output}");
            Assert.True(student.Disconnects.Count == 0 && student.CloseCodes.Count == 0, $"{student.Label} was disconnected: {string.Join(", ", student.Disconnects)} {string.Join(", ", student.CloseCodes)}.\n{output}");
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task A_client_hammering_commands_gets_111_and_is_closed_with_3013()
    {
        var (result, output) = await run.GetAsync().WaitAsync(RunTimeout, Cancellation);

        Assert.True(result.Hammer.CloseCode == 3013 && result.Hammer.Errors.GetValueOrDefault("111") > 0, $"the hammer: {result.Hammer}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Subscriptions_past_the_limit_get_106_and_repeated_errors_close_with_3509()
    {
        var (result, output) = await run.GetAsync().WaitAsync(RunTimeout, Cancellation);

        Assert.True(result.Subscriber.Subscribed == EdgeLimitRun.MaxSubscriptions, $"subscribed: {result.Subscriber.Subscribed}.\n{output}");
        Assert.True(result.Subscriber.Errors.GetValueOrDefault("106") == 2, $"106 answers: {string.Join(", ", result.Subscriber.Errors)}.\n{output}");
        Assert.True(result.Subscriber.Errors.GetValueOrDefault("107") > 0 && result.Subscriber.CloseCode == 3509, $"the erring subscriber: {result.Subscriber}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task A_connection_past_the_per_user_limit_is_closed_with_3504_and_the_others_stay()
    {
        var (result, output) = await run.GetAsync().WaitAsync(RunTimeout, Cancellation);

        Assert.True(result.Tabs.Count == EdgeLimitRun.MaxPerUser + 1, $"{result.Tabs.Count} tabs.\n{output}");
        Assert.True(result.Tabs.Take(EdgeLimitRun.MaxPerUser).All(tab => tab is { Connected: true, CloseCode: null }), $"tabs: {string.Join(", ", result.Tabs)}.\n{output}");
        Assert.True(result.Tabs[^1] is { Connected: false, CloseCode: 3504 }, $"the last tab: {result.Tabs[^1]}.\n{output}");
    }

    [Fact(Timeout = Timeout)]
    public async Task Connections_past_the_per_address_limit_are_closed_with_3504_and_a_freed_place_is_taken_again()
    {
        var cluster = run.Cluster;
        var edge = cluster.EdgeUrls[0];
        var classroom = "address-" + Guid.NewGuid().ToString("N")[..8];
        var clients = new List<RawClient>();
        try
        {
            int? refusedAt = null;
            for (var i = 0; i < EdgeLimitRun.MaxPerAddress + 10 && refusedAt is null; i++)
            {
                var client = await RawClient.ConnectAsync(edge, classroom, Cancellation);
                clients.Add(client);
                await client.SendAsync([ConnectCommand(cluster.Hs256Secret, $"address-user-{i}", classroom)], Cancellation);
                if (await client.NextAsync(Cancellation) is null)
                {
                    refusedAt = i;
                }
            }

            // Earlier tests' connections from this address may still be leaving: at most the limit, never more.
            Assert.True(refusedAt is > 0 and <= EdgeLimitRun.MaxPerAddress, $"the first refused connection: {refusedAt?.ToString() ?? "none"}");
            Assert.Equal(3504, (int?)clients[^1].CloseStatus);

            await clients[0].DisposeAsync();
            await Eventually.HoldsAsync(
                async () =>
                {
                    await using var again = await RawClient.ConnectAsync(edge, classroom, Cancellation);
                    await again.SendAsync([ConnectCommand(cluster.Hs256Secret, "address-user-again", classroom)], Cancellation);
                    return await again.NextAsync(Cancellation) is { } reply && reply.TryGetProperty("connect", out _);
                },
                TimeSpan.FromSeconds(10),
                "a connection from the address is accepted once one of its connections left");
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static string ConnectCommand(string secret, string user, string classroom)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = RawClient.Token(secret, new { sub = user, role = "student", classrooms = new[] { classroom }, iat = now - 10, exp = now + 600 });
        return $$$"""{"id":1,"connect":{"token":"{{{token}}}"}}""";
    }
}
