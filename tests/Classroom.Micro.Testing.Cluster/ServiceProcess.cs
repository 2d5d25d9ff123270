using System.Globalization;

namespace Classroom.Micro.Testing.Cluster;

/// <summary>One service of the cluster running as its own <c>dotnet</c> process, with its HTTP/1.1 address.</summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly ChildProcess _process;

    private ServiceProcess(ChildProcess process, Uri httpAddress)
    {
        _process = process;
        HttpAddress = httpAddress;
    }

    /// <summary>How long a service may take to report ready.</summary>
    public static TimeSpan ReadyTimeout { get; } = TimeSpan.FromSeconds(30);

    public string Name => _process.Name;

    public int Pid => _process.Pid;

    public bool HasExited => _process.HasExited;

    /// <summary>The HTTP/1.1 endpoint (health, websockets, dev tokens).</summary>
    public Uri HttpAddress { get; }

    /// <summary>Starts <paramref name="dll"/> from its own folder (so its appsettings.json is found) with the cluster's settings.</summary>
    public static ServiceProcess Start(string name, string dll, int httpPort, IReadOnlyDictionary<string, string?> settings)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["DOTNET_gcServer"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
            // Inherited values must not move a service's endpoints or send telemetry anywhere.
            ["ASPNETCORE_URLS"] = string.Empty,
            ["ASPNETCORE_HTTP_PORTS"] = string.Empty,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = string.Empty,
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var process = ChildProcess.Start(name, DotnetHost.Path, [dll], environment, Path.GetDirectoryName(dll));
        return new ServiceProcess(process, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}")));
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200; fails with the process's output when it exits or times out.</summary>
    public async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        var ready = new Uri(HttpAddress, "/health/ready");
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready. Output:\n{_process.Tail()}");
                }

                try
                {
                    using var response = await Probe.GetAsync(ready, cancellationToken);
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return false;
                }
            }, ReadyTimeout, $"{Name} answers 200 on {ready}", TimeSpan.FromMilliseconds(100));
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{timeout.Message}. Output of {Name}:\n{_process.Tail()}", timeout);
        }
    }

    /// <summary>SIGTERM: the service shuts down gracefully.</summary>
    public void Terminate() => _process.Terminate();

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    public Task<int> WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    /// <summary>Everything the process wrote so far (its last 5000 lines).</summary>
    public string Output => _process.Output;

    /// <summary>SIGKILL: no graceful shutdown, no lease release.</summary>
    public void KillHard() => _process.KillHard();

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string Tail(int lines = 40) => _process.Tail(lines);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
