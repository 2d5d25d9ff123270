using System.Text.Json.Nodes;

namespace Classroom.Micro.Deploy.Tests.Helm;

/// <summary>What helm template produced: the text and the parsed manifests, with lookups the tests share.</summary>
internal sealed class RenderedChart(string yaml, IReadOnlyList<JsonObject> manifests)
{
    public string Yaml { get; } = yaml;

    public IReadOnlyList<JsonObject> Manifests { get; } = manifests;

    public IEnumerable<JsonObject> OfKind(string kind) => Manifests.Where(manifest => Kind(manifest) == kind);

    /// <summary>The one manifest of a kind whose name is the release's component, e.g. ("StatefulSet", "edge").</summary>
    public JsonObject Single(string kind, string component)
    {
        var name = $"{HelmChart.Release}-{component}";
        return OfKind(kind).SingleOrDefault(manifest => Name(manifest) == name)
            ?? throw new InvalidOperationException($"no {kind} {name} among: {string.Join(", ", Manifests.Select(m => $"{Kind(m)}/{Name(m)}"))}");
    }

    public JsonObject? Find(string kind, string component) =>
        OfKind(kind).SingleOrDefault(manifest => Name(manifest) == $"{HelmChart.Release}-{component}");

    public IEnumerable<JsonObject> Workloads() => Manifests.Where(manifest => Kind(manifest) is "Deployment" or "StatefulSet");

    public static string Kind(JsonObject manifest) => (string?)manifest["kind"] ?? "";

    public static string Name(JsonObject manifest) => (string?)manifest["metadata"]?["name"] ?? "";

    public static JsonObject PodSpec(JsonObject workload) => workload["spec"]!["template"]!["spec"]!.AsObject();

    public static IEnumerable<JsonObject> Containers(JsonObject workload) =>
        PodSpec(workload)["containers"]!.AsArray().Select(container => container!.AsObject());

    public static JsonObject OnlyContainer(JsonObject workload) => Containers(workload).Single();

    public static IReadOnlyList<JsonObject> Env(JsonObject container) =>
        container["env"]?.AsArray().Select(variable => variable!.AsObject()).ToList() ?? [];

    /// <summary>The plain value of an env variable, or null when it is absent or comes from elsewhere.</summary>
    public static string? EnvValue(JsonObject container, string name) =>
        (string?)Env(container).SingleOrDefault(variable => (string?)variable["name"] == name)?["value"];

    public static IReadOnlyList<string> EnvNames(JsonObject container) =>
        Env(container).Select(variable => (string)variable["name"]!).ToList();
}
