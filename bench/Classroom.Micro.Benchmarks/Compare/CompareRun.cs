using System.Diagnostics;
using Classroom.Micro.Benchmarks.Compare.Scenarios;
using Classroom.Micro.Benchmarks.Compare.Systems;
using Classroom.Micro.Benchmarks.Measurement;
using Classroom.Micro.Benchmarks.Scenarios;
using Classroom.Micro.Testing.Cluster;

namespace Classroom.Micro.Benchmarks.Compare;

/// <summary>
/// Runs the side-by-side comparison: each system in turn is started fresh (ours as a cluster of its own per row, each
/// peer with its own redis-server), put through every scenario by the same load generator, and stopped.
/// </summary>
internal static class CompareRun
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    public static async Task<CompareReport> RunAsync(CompareSettings settings, TimeProvider time, TextWriter progress, CancellationToken cancellationToken)
    {
        var machine = MachineInfo.Read();
        var startedAt = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var results = new List<SystemResult>();
        foreach (var key in settings.Systems)
        {
            progress.WriteLine($"Starting {key}…");
            results.Add(await RunSystemAsync(key, settings, progress, cancellationToken));
        }

        return new CompareReport(startedAt, Math.Round(clock.Elapsed.TotalSeconds, 1), machine, MachineInfo.ReadLoadAverage(), settings, results, CompareFailures.Of(results));
    }

    /// <summary>Starts the system <paramref name="key"/>, runs the scenarios against it, and stops it.</summary>
    public static async Task<SystemResult> RunSystemAsync(string key, CompareSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        switch (key)
        {
            case CompareSettings.SignalR:
            case CompareSettings.SocketIo:
            {
                await using var peer = key == CompareSettings.SignalR ? new SignalRPeer() : (PeerSystem)new SocketIoPeer();
                try
                {
                    await peer.StartAsync(cancellationToken);
                }
                catch (Exception failure) when (failure is InvalidOperationException or TimeoutException or FileNotFoundException or StackExchange.Redis.RedisException or StackExchange.Redis.RedisCommandException)
                {
                    return new SystemResult(key, peer.Name, peer.Description, [], peer.Pids, null, null, [], null, null, null, "could not start: " + failure.Message);
                }

                return await RunScenariosAsync(key, peer, settings, progress, cancellationToken);
            }

            default:
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(StartTimeout);
                await using var cluster = await Cluster.StartAsync(timeout.Token);
                await using var ours = await OursSystem.CreateAsync(cluster, key == CompareSettings.OursGateway);
                return await RunScenariosAsync(key, ours, settings, progress, cancellationToken);
            }
        }
    }

    private static async Task<SystemResult> RunScenariosAsync(string key, ComparedSystem system, CompareSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        var runId = RunId.New();
        IdleMemoryResult? memory = null;
        ConnectRampResult? connect = null;
        FixedRateRun? fixedRates = null;
        KneeResult? knee = null;
        StormResult? storm = null;
        string? error = null;
        try
        {
            // The storm kills an edge, so whatever else runs against the system runs before it.
            foreach (var scenario in settings.Scenarios.OrderBy(scenario => scenario == CompareSettings.StormScenario))
            {
                progress.WriteLine($"  {system.Name}: {scenario}…");
                switch (scenario)
                {
                    case CompareSettings.IdleMemoryScenario:
                        memory = await IdleMemoryScenario.RunAsync(system, settings, runId, cancellationToken);
                        break;
                    case CompareSettings.ConnectRateScenario:
                        connect = await ConnectRateScenario.RunAsync(system, settings, runId, cancellationToken);
                        break;
                    case CompareSettings.FixedRateScenario:
                        fixedRates = await FixedRateScenario.RunAsync(system, settings, runId, cancellationToken);
                        break;
                    case CompareSettings.KneeScenario:
                        knee = await KneeScenario.RunAsync(system, settings, runId, cancellationToken);
                        break;
                    case CompareSettings.StormScenario when system is OursSystem { ViaGateway: false } ours:
                        storm = await StormScenario.RunAsync(ours, settings, runId, cancellationToken);
                        break;
                }
            }
        }
        catch (Exception failure) when (failure is HttpRequestException or StackExchange.Redis.RedisException or StackExchange.Redis.RedisCommandException or InvalidOperationException or IOException)
        {
            error = $"{failure.GetType().Name}: {failure.Message}\n{system.OutputTails()}";
        }

        if (system.ExitedProcesses() is { Count: > 0 } exited)
        {
            error = (error is null ? string.Empty : error + "\n") + string.Join("\n", exited);
        }

        return new SystemResult(key, system.Name, system.Description, system.Servers.Select(server => server.Name).ToList(), system.Servers.Select(server => server.Pid ?? 0).ToList(), memory, connect, fixedRates?.Rates ?? [], fixedRates?.WarmUp, knee, storm, error);
    }
}
