using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Classroom.Micro.Deploy.Tests.Helm;
using Classroom.Micro.Testing;
using Xunit;

namespace Classroom.Micro.Deploy.Tests.Images;

/// <summary>
/// The Dockerfiles cannot be built here (no container engine), so these tests hold them to what an image and the chart
/// rely on: a multi-stage build from the repository root (an SDK build stage and an aspnet runtime stage of the .NET
/// major the repository targets), the non-root app user, the service's own project and entry assembly, the ports the
/// chart's containers declare, and Node.js with npm where the gateway's build bundles the web app.
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
    public async Task The_image_is_built_in_an_sdk_stage_and_runs_in_an_aspnet_stage_of_the_dotnet_major_the_repository_targets(string component)
    {
        var (_, folder, _) = s_services[component];
        var dockerfile = await Dockerfile.ReadAsync($"{folder}/Dockerfile");
        var targeted = await TargetedDotnetMajorAsync();

        Assert.True(dockerfile.Stages.Count >= 2, $"{component}: a multi-stage build");
        var sdk = SdkImage().Match(dockerfile.BaseImage(dockerfile.Stage("build")));
        var runtime = AspNetImage().Match(dockerfile.BaseImage(dockerfile.Final));
        Assert.True(sdk.Success, $"{component}: the build stage is FROM {dockerfile.BaseImage(dockerfile.Stage("build"))}");
        Assert.True(runtime.Success, $"{component}: the runtime stage is FROM {dockerfile.BaseImage(dockerfile.Final)}");
        Assert.Equal(targeted, int.Parse(sdk.Groups["major"].Value, CultureInfo.InvariantCulture));
        Assert.Equal(targeted, int.Parse(runtime.Groups["major"].Value, CultureInfo.InvariantCulture));
        // The runtime image holds the published app and nothing else of the build.
        Assert.Equal(["--from=build /app ./"], dockerfile.Final.All("COPY"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task The_image_runs_the_service_assembly_as_the_non_root_app_user(string component)
    {
        var (_, folder, assembly) = s_services[component];
        var dockerfile = await Dockerfile.ReadAsync($"{folder}/Dockerfile");

        Assert.Equal("$APP_UID", dockerfile.Final.All("USER").LastOrDefault());
        Assert.Equal($"ENTRYPOINT [\"dotnet\", \"{assembly}.dll\"]", dockerfile.Final.Instructions[^1]);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task The_build_publishes_the_service_project_and_every_project_it_names_exists(string component)
    {
        var (_, folder, assembly) = s_services[component];
        var dockerfile = await Dockerfile.ReadAsync($"{folder}/Dockerfile");

        var commands = dockerfile.Stage("build").All("RUN").SelectMany(run => DotnetProjectCommand().Matches(run)).ToList();
        var published = commands.Where(command => command.Groups["verb"].Value == "publish").Select(command => command.Groups["project"].Value);
        Assert.Equal([$"{folder}/{assembly}.csproj"], published);
        foreach (var command in commands)
        {
            var project = command.Groups["project"].Value;
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, project)), $"{component}: dotnet {command.Groups["verb"].Value} {project}");
        }
        Assert.Contains("-c Release -o /app --no-restore --no-self-contained", dockerfile.Stage("build").All("RUN").Single(run => run.StartsWith("dotnet publish ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateway_build_stage_has_node_and_npm_of_a_version_the_web_app_supports_before_it_publishes()
    {
        var dockerfile = await Dockerfile.ReadAsync("services/edge/gateway/Dockerfile");
        var build = dockerfile.Stage("build");
        var copies = build.All("COPY").ToList();

        var nodeCopy = copies.Select(copy => NodeBinaryCopy().Match(copy)).Single(match => match.Success);
        var nodeStage = nodeCopy.Groups["stage"].Value;
        var nodeImage = OfficialNodeImage().Match(dockerfile.BaseImage(dockerfile.Stage(nodeStage)));
        Assert.True(nodeImage.Success, $"node comes from {dockerfile.BaseImage(dockerfile.Stage(nodeStage))}");
        Assert.True(int.Parse(nodeImage.Groups["major"].Value, CultureInfo.InvariantCulture) >= await WebAppNodeMajorAsync(), $"{nodeImage.Value} is older than web/package.json's engines.node");
        Assert.Contains($"--from={nodeStage} /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm", copies);
        Assert.Contains(build.All("RUN"), run => run.Contains("ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm", StringComparison.Ordinal));

        // The build's BuildWebApp target bundles web/ only when web/ is there and the Node steps are not switched off.
        var publish = IndexOf(build, instruction => instruction.StartsWith("RUN dotnet publish ", StringComparison.Ordinal));
        Assert.True(IndexOf(build, instruction => instruction.Contains("/usr/local/bin/npm", StringComparison.Ordinal)) < publish, "npm is on PATH before the publish");
        Assert.True(IndexOf(build, instruction => instruction == "COPY web/ web/") < publish, "web/ is copied before the publish");
        Assert.DoesNotContain("BuildWebApp=false", build.Instructions[publish], StringComparison.Ordinal);
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
        Assert.DoesNotContain("web/", ignore);
        // A local bundle in the context would look up to date to the gateway's incremental web build.
        Assert.Contains("services/edge/gateway/wwwroot/", ignore);
    }

    private static async Task<string> ReadAsync(string relativePath) =>
        (await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, relativePath), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ReplaceLineEndings("\n");

    private static int IndexOf(DockerStage stage, Func<string, bool> predicate)
    {
        var index = stage.Instructions.ToList().FindIndex(instruction => predicate(instruction));
        Assert.True(index >= 0, $"no such instruction in stage {stage.Name}");
        return index;
    }

    /// <summary>The .NET major version of global.json's SDK, checked against the target framework every project builds for.</summary>
    private static async Task<int> TargetedDotnetMajorAsync()
    {
        using var globalJson = JsonDocument.Parse(await ReadAsync("global.json"));
        var sdkMajor = int.Parse(globalJson.RootElement.GetProperty("sdk").GetProperty("version").GetString()!.Split('.')[0], CultureInfo.InvariantCulture);
        var framework = TargetFramework().Match(await ReadAsync("Directory.Build.props"));
        Assert.True(framework.Success, "Directory.Build.props names a netN.0 TargetFramework");
        Assert.Equal(sdkMajor, int.Parse(framework.Groups["major"].Value, CultureInfo.InvariantCulture));
        return sdkMajor;
    }

    private static async Task<int> WebAppNodeMajorAsync()
    {
        using var package = JsonDocument.Parse(await ReadAsync("web/package.json"));
        var engines = package.RootElement.GetProperty("engines").GetProperty("node").GetString()!;
        var minimum = MinimumMajor().Match(engines);
        Assert.True(minimum.Success, $"web/package.json engines.node '{engines}' is of the form >=N");
        return int.Parse(minimum.Groups["major"].Value, CultureInfo.InvariantCulture);
    }

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(line => !line.StartsWith('#')).ToArray();

    [GeneratedRegex(@"Kestrel__Endpoints__\w+__Url=http://\+:(?<port>\d+)")]
    private static partial Regex ListenUrl();

    [GeneratedRegex(@"^mcr\.microsoft\.com/dotnet/sdk:(?<major>\d+)\.\d+")]
    private static partial Regex SdkImage();

    [GeneratedRegex(@"^mcr\.microsoft\.com/dotnet/aspnet:(?<major>\d+)\.\d+")]
    private static partial Regex AspNetImage();

    [GeneratedRegex(@"^node:(?<major>\d+)(?:[.-]|$)")]
    private static partial Regex OfficialNodeImage();

    [GeneratedRegex(@"^--from=(?<stage>\S+) /usr/local/bin/node /usr/local/bin/node$")]
    private static partial Regex NodeBinaryCopy();

    [GeneratedRegex(@"dotnet (?<verb>restore|build|publish) (?<project>\S+\.csproj)")]
    private static partial Regex DotnetProjectCommand();

    [GeneratedRegex(@"<TargetFramework>net(?<major>\d+)\.0</TargetFramework>")]
    private static partial Regex TargetFramework();

    [GeneratedRegex(@"^>=\s*(?<major>\d+)")]
    private static partial Regex MinimumMajor();
}
