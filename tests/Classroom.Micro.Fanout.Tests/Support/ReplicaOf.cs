using System.Globalization;
using Classroom.Micro.Testing;
using StackExchange.Redis;

namespace Classroom.Micro.Fanout.Tests.Support;

/// <summary>A redis-server replicating a test's primary, in its own temp dir; disposing it stops it like a crash.</summary>
internal sealed class ReplicaOf(string directory, ChildProcess process) : IAsyncDisposable
{
    private bool _disposed;

    /// <summary>Starts a replica of <paramref name="primary"/> and returns once its link to the primary is up.</summary>
    public static async Task<ReplicaOf> StartAsync(RedisServer primary, TimeSpan timeout)
    {
        var directory = Directory.CreateTempSubdirectory("cm-redis-replica-").FullName;
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var process = ChildProcess.Start($"redis-replica-{port}", RedisServer.Executable(),
        [
            "--port", port, "--bind", "127.0.0.1", "--dir", directory, "--save", "", "--appendonly", "no",
            "--protected-mode", "no", "--replicaof", "127.0.0.1", primary.Port.ToString(CultureInfo.InvariantCulture),
        ]);
        var replica = new ReplicaOf(directory, process);
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},abortConnect=false,allowAdmin=true").WaitAsync(timeout);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        await Eventually.HoldsAsync(
            async () => ((string?)await server.ExecuteAsync("INFO", "replication"))?.Contains("master_link_status:up", StringComparison.Ordinal) == true,
            timeout,
            $"the replica on {port} syncs with its primary. Output:\n{process.Tail()}");
        return replica;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await process.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }
}
