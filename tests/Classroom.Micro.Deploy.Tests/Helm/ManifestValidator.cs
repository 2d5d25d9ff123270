namespace Classroom.Micro.Deploy.Tests.Helm;

/// <summary>deploy/helm/tests/validate.mjs: the Kubernetes OpenAPI schemas, offline, plus unknown-field checks.</summary>
internal static class ManifestValidator
{
    public static async Task<CommandResult> ValidateAsync(string yaml)
    {
        await HelmTool.BinaryAsync().WaitAsync(TimeSpan.FromMinutes(10));
        return await CommandLine.RunAsync("node", [HelmTool.ValidatorScript], TimeSpan.FromMinutes(2), yaml);
    }
}
