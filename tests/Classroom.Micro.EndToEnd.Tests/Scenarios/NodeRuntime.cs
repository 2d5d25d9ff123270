using Classroom.Micro.Testing.Cluster;
using Classroom.Micro.Testing;

namespace Classroom.Micro.EndToEnd.Tests.Scenarios;

/// <summary>Where Node and the scenarios live. A missing Node or SDK install fails the test: it never skips.</summary>
internal static class NodeRuntime
{
    /// <summary>The <c>tests/e2e</c> folder holding the scenarios and their package.json.</summary>
    public static string ScenariosFolder { get; } = Path.Combine(RepositoryPaths.Root, "tests", "e2e");

    /// <summary>The node executable, after checking that the scenarios' dependencies are installed.</summary>
    public static string Executable()
    {
        var node = Executables.OnPath("node")
            ?? throw new InvalidOperationException("node is not on PATH. Install Node.js 20+ (scripts/test expects it).");
        if (!Directory.Exists(Path.Combine(ScenariosFolder, "node_modules", "centrifuge")))
        {
            throw new InvalidOperationException($"The centrifuge SDK is not installed in {ScenariosFolder}. Run `npm ci` there (scripts/test does).");
        }

        return node;
    }
}
