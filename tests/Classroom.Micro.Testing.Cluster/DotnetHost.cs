namespace Classroom.Micro.Testing.Cluster;

/// <summary>The <c>dotnet</c> executable that runs the services: the one running the tests when known.</summary>
internal static class DotnetHost
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        // Set by the SDK for everything `dotnet test` starts.
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        return Executables.OnPath("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH.");
    }
}
