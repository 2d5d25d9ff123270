namespace Classroom.Micro.Deploy.Tests.Helm;

/// <summary>How a command ended and what it printed.</summary>
internal sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Both streams, for failure messages.</summary>
    public string Output => $"{StandardOutput}\n{StandardError}".Trim();
}
