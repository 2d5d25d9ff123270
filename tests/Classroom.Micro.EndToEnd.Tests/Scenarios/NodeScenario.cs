using System.Text.Json;
using Classroom.Micro.Testing;

namespace Classroom.Micro.EndToEnd.Tests.Scenarios;

/// <summary>
/// A Node scenario from <c>tests/e2e</c> driving the real centrifuge SDK. It prints checkpoint lines
/// (<c>{"checkpoint":"name",…}</c>) while it runs, may wait for a stdin line to go on, and ends with exactly one
/// result line; the test asserts on those observations, quoting the scenario's output when they are wrong.
/// </summary>
internal sealed class NodeScenario : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private NodeScenario(string script, ChildProcess process)
    {
        Script = script;
        _process = process;
    }

    /// <summary>How long a scenario may run before it counts as hung.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(90);

    public string Script { get; }

    /// <summary>Everything the scenario printed so far (stdout and stderr), for assertion messages.</summary>
    public string Output => _process.Tail(200);

    public static NodeScenario Start(string script, IReadOnlyDictionary<string, string?> environment)
    {
        var node = NodeRuntime.Executable();
        var process = ChildProcess.Start($"node {script}", node, [script], environment, NodeRuntime.ScenariosFolder);
        return new NodeScenario(script, process);
    }

    /// <summary>Waits for the checkpoint line named <paramref name="name"/> and returns it.</summary>
    public async Task<JsonElement> CheckpointAsync(string name, TimeSpan timeout)
    {
        JsonElement? found = null;
        try
        {
            await Eventually.HoldsAsync(() =>
            {
                found = JsonLines().Cast<JsonElement?>().FirstOrDefault(line =>
                    line!.Value.TryGetProperty("checkpoint", out var checkpoint) && checkpoint.GetString() == name);
                if (found is null && _process.HasExited)
                {
                    throw new InvalidOperationException($"{Script} exited with {_process.ExitCode} before checkpoint '{name}'. Output:\n{Output}");
                }

                return found is not null;
            }, timeout, $"{Script} reaches checkpoint '{name}'");
        }
        catch (TimeoutException timeoutException)
        {
            throw new TimeoutException($"{timeoutException.Message}. Output:\n{Output}", timeoutException);
        }

        return found!.Value;
    }

    /// <summary>Lets a scenario waiting at a checkpoint go on.</summary>
    public Task ContinueAsync() => _process.WriteLineAsync("continue");

    /// <summary>Waits for the scenario to exit 0 and returns its result line.</summary>
    public async Task<JsonElement> ResultAsync(TimeSpan timeout)
    {
        var exitCode = await _process.WaitForExitAsync(timeout);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{Script} exited with {exitCode}. Output:\n{Output}");
        }

        var result = JsonLines().LastOrDefault(line => !line.TryGetProperty("checkpoint", out _));
        return result.ValueKind == JsonValueKind.Object
            ? result
            : throw new InvalidOperationException($"{Script} printed no result line. Output:\n{Output}");
    }

    /// <summary>Reads the result line as <typeparamref name="T"/>.</summary>
    public async Task<T> ResultAsync<T>(TimeSpan timeout)
    {
        var result = await ResultAsync(timeout);
        return result.Deserialize<T>(JsonDefaults.Web)
            ?? throw new InvalidOperationException($"{Script} printed a null result. Output:\n{Output}");
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private List<JsonElement> JsonLines()
    {
        var lines = new List<JsonElement>();
        foreach (var line in _process.Output.Split('\n'))
        {
            if (!line.StartsWith('{'))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    lines.Add(document.RootElement.Clone());
                }
            }
            catch (JsonException)
            {
                // A diagnostic line that merely starts with a brace.
            }
        }

        return lines;
    }
}
