using System.Text.RegularExpressions;
using Classroom.Micro.Deploy.Tests.Helm;
using Classroom.Micro.Testing;
using Xunit;

namespace Classroom.Micro.Deploy.Tests.Images;

/// <summary>
/// The Dockerfiles cannot be built here (no container engine), so these tests hold them to what the chart relies on:
/// a multi-stage build from the repository root, the non-root app user, the right entry assembly and the ports the
/// chart's containers declare.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly Dictionary<string, (string Kind, string Folder, string Assembly)> s_services = new(StringComparer.Ordinal)
    {
        ["gateway"] = ("Deployment", "services/edge/gateway", "Classroom.Micro.Gateway"),
        ["edge"] = ("StatefulSet", "services/edge/node", "Classroom.Micro.Edge"),
        ["auth"] = ("Deployment", "services/auth", "Classroom.Micro.Auth"),
        ["registry"] = ("Deployment", "services/registry", "Classroom.Micro.Registry"),
        ["fanout"] = ("StatefulSet", "services/fanout", "Classroom.Micro.Fanout"),
    };

    public static TheoryData<string> Services { get; } = new("gateway", "edge", "auth", "registry", "fanout");

    [Theory]
    [MemberData(nameof(Services))]
    public async Task The_image_is_built_in_the_sdk_and_runs_non_root_in_aspnet(string component)
    {
        var (kind, folder, assembly) = s_services[component];
        var dockerfile = await ReadAsync(Path.Combine(folder, "Dockerfile"));

        Assert.Contains("ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0\n", dockerfile, StringComparison.Ordinal);
        Assert.Contains("ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0\n", dockerfile, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^FROM \$\{SDK_IMAGE\} AS build$", dockerfile);
        Assert.Matches(@"(?m)^FROM \$\{RUNTIME_IMAGE\} AS runtime$", dockerfile);
        Assert.Contains($"dotnet publish {folder}/{assembly}.csproj -c Release -o /app --no-restore --no-self-contained", dockerfile, StringComparison.Ordinal);
        Assert.Contains("COPY --from=build /app ./", dockerfile, StringComparison.Ordinal);
        Assert.Equal("USER $APP_UID", Lines(dockerfile).Last(line => line.StartsWith("USER ", StringComparison.Ordinal)));
        Assert.Equal($"ENTRYPOINT [\"dotnet\", \"{assembly}.dll\"]", Lines(dockerfile).Last());
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, folder, $"{assembly}.csproj")), $"{folder}/{assembly}.csproj");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task The_image_exposes_and_listens_on_the_ports_the_chart_declares(string component)
    {
        var (kind, folder, assembly) = s_services[component];
        var dockerfile = await ReadAsync(Path.Combine(folder, "Dockerfile"));
        var chart = await HelmChart.RenderAsync(ValuesFiles.Default);

        var declared = RenderedChart.OnlyContainer(chart.Single(kind, component))["ports"]!.AsArray()
            .Select(port => (long)port!["containerPort"]!).Order().ToList();
        var exposed = Lines(dockerfile).Single(line => line.StartsWith("EXPOSE ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).Order().ToList();
        var listening = ListenUrl().Matches(dockerfile).Select(match => long.Parse(match.Groups["port"].Value)).Order().ToList();
        Assert.Equal(declared, exposed);
        Assert.Equal(declared, listening);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Everything_the_build_copies_exists_relative_to_the_repository_root(string component)
    {
        var (kind, folder, assembly) = s_services[component];
        var dockerfile = await ReadAsync(Path.Combine(folder, "Dockerfile"));

        var sources = Lines(dockerfile)
            .Where(line => line.StartsWith("COPY ", StringComparison.Ordinal) && !line.StartsWith("COPY --from", StringComparison.Ordinal))
            .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .ToList();
        Assert.Contains($"{folder}/", sources);
        Assert.Contains("protos/", sources);
        Assert.Contains("services/defaults/", sources);
        foreach (var source in sources)
        {
            var matches = source.Contains('*', StringComparison.Ordinal)
                ? Directory.GetFiles(RepositoryPaths.Root, source)
                : [Path.Combine(RepositoryPaths.Root, source)];
            Assert.True(matches.Length > 0 && matches.All(path => File.Exists(path) || Directory.Exists(path)), $"{component}: COPY {source}");
        }
    }

    [Fact]
    public async Task The_build_context_leaves_out_build_output_and_local_state()
    {
        var ignore = Lines(await ReadAsync(".dockerignore")).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["**/bin/", "**/obj/", ".git/", ".tools/", "**/node_modules/"], StringComparer.Ordinal), ignore);
        Assert.DoesNotContain("protos/", ignore);
        Assert.DoesNotContain("services/", ignore);
    }

    private static async Task<string> ReadAsync(string relativePath) =>
        (await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, relativePath), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ReplaceLineEndings("\n");

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(line => !line.StartsWith('#')).ToArray();

    [GeneratedRegex(@"Kestrel__Endpoints__\w+__Url=http://\+:(?<port>\d+)")]
    private static partial Regex ListenUrl();
}
