namespace Classroom.Micro.Testing;

/// <summary>Locates the repository from a test's output folder, so tests can start built services and Node scripts.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root (the folder holding Classroom.Micro.sln).</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Classroom.Micro.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Classroom.Micro.sln not found above " + AppContext.BaseDirectory);
    }
}
