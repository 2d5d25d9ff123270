
namespace Classroom.Micro.Testing.Cluster;

/// <summary>
/// Finds a service's build output. The services are built in the configuration the running program (a test assembly
/// or the benchmark) was built in, since its project references them, so a Release run starts Release services.
/// </summary>
internal static class ServiceBinaries
{
    /// <summary>The build configuration of the running program, e.g. <c>Debug</c> or <c>Release</c>.</summary>
    public static string Configuration { get; } = FindConfiguration();

    /// <summary>The path of <paramref name="assemblyName"/>.dll under <paramref name="projectFolder"/> (relative to the repository root).</summary>
    public static string Dll(string projectFolder, string assemblyName)
    {
        var path = Path.Combine(RepositoryPaths.Root, projectFolder, "bin", Configuration, "net10.0", assemblyName + ".dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{assemblyName} is not built at {path}. Build the solution in {Configuration} first (scripts/test does).", path);
        }

        return path;
    }

    private static string FindConfiguration()
    {
        // bin/<Configuration>/<TargetFramework>/
        var targetFrameworkFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return targetFrameworkFolder.Parent?.Name
            ?? throw new InvalidOperationException("Cannot tell the build configuration from " + AppContext.BaseDirectory);
    }
}
