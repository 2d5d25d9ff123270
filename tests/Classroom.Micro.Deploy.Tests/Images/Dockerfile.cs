using System.Text.RegularExpressions;
using Classroom.Micro.Testing;
using Xunit;

namespace Classroom.Micro.Deploy.Tests.Images;

/// <summary>
/// A Dockerfile read as its instructions (continuation lines joined, comments dropped): the ARGs before the first
/// FROM, and the stages in order, so tests can ask what each stage is built from and what it runs.
/// </summary>
internal sealed partial class Dockerfile(string relativePath, IReadOnlyDictionary<string, string> arguments, IReadOnlyList<DockerStage> stages)
{
    public string RelativePath { get; } = relativePath;

    /// <summary>The global ARGs (before the first FROM) with their defaults.</summary>
    public IReadOnlyDictionary<string, string> Arguments { get; } = arguments;

    public IReadOnlyList<DockerStage> Stages { get; } = stages;

    /// <summary>The stage the image is: the last one.</summary>
    public DockerStage Final => Stages[^1];

    public DockerStage Stage(string name) =>
        Stages.SingleOrDefault(stage => stage.Name == name) ?? throw new InvalidOperationException($"{RelativePath} has no stage '{name}'");

    /// <summary>The image a stage starts from, with global ARGs replaced by their defaults.</summary>
    public string BaseImage(DockerStage stage) =>
        ArgumentReference().Replace(stage.From, match => Arguments.TryGetValue(match.Groups["name"].Value, out var value)
            ? value
            : throw new InvalidOperationException($"{RelativePath}: FROM {stage.From} uses ARG {match.Groups["name"].Value}, which has no global default"));

    public static async Task<Dockerfile> ReadAsync(string relativePath)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, relativePath), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        return Parse(relativePath, text);
    }

    private static Dockerfile Parse(string relativePath, string text)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new List<DockerStage>();
        List<string>? current = null;
        foreach (var instruction in Instructions(text))
        {
            var from = FromInstruction().Match(instruction);
            if (from.Success)
            {
                current = [];
                stages.Add(new DockerStage(from.Groups["name"].Value, from.Groups["image"].Value, current));
            }
            else if (current is not null)
            {
                current.Add(instruction);
            }
            else if (GlobalArgument().Match(instruction) is { Success: true } argument)
            {
                arguments[argument.Groups["name"].Value] = argument.Groups["value"].Value;
            }
        }
        return new Dockerfile(relativePath, arguments, stages);
    }

    private static IEnumerable<string> Instructions(string text)
    {
        var pending = "";
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (line.EndsWith('\\'))
            {
                pending += line[..^1].TrimEnd() + " ";
                continue;
            }
            yield return pending + line;
            pending = "";
        }
    }

    [GeneratedRegex(@"^FROM (?<image>\S+)(?: AS (?<name>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FromInstruction();

    [GeneratedRegex(@"^ARG (?<name>\w+)=(?<value>\S+)$")]
    private static partial Regex GlobalArgument();

    [GeneratedRegex(@"\$\{(?<name>\w+)\}")]
    private static partial Regex ArgumentReference();
}
