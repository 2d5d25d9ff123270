using StackExchange.Redis;
using Xunit;

namespace Classroom.Micro.Testing;

/// <summary>
/// A real redis-server on a free loopback port with its own temp directory, started for a test class
/// and stopped with it. Tests isolate themselves further with <see cref="UniquePrefix"/>.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private ChildProcess? _process;
    private string? _directory;

    /// <summary>The port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port},abortConnect=false";

    /// <summary>A connection for assertions, opened on start.</summary>
    public IConnectionMultiplexer Connection { get; private set; } = null!;

    /// <summary>A key prefix no other test uses.</summary>
    public static string UniquePrefix() => $"t{Guid.NewGuid():N}:"[..14];

    /// <summary>Finds redis-server or fails (never skips): CI must install it.</summary>
    public static string Executable()
    {
        foreach (var candidate in new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("redis-server is not installed. Run ./scripts/test (it installs it) or apt-get install redis-server.");
    }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        Port = FreePort.Next();
        _directory = Directory.CreateTempSubdirectory("cm-redis-").FullName;
        _process = ChildProcess.Start($"redis-{Port}", Executable(),
            ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory, "--save", "", "--appendonly", "no", "--protected-mode", "no"]);
        await Eventually.HoldsAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited: {_process.Tail()}");
            }

            try
            {
                Connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},connectTimeout=500");
                return Connection.IsConnected;
            }
            catch (RedisConnectionException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(20), "redis-server accepts connections");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }

        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
