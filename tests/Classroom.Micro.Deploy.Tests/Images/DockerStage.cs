namespace Classroom.Micro.Deploy.Tests.Images;

/// <summary>One stage of a <see cref="Dockerfile"/>: its name, its FROM as written, and its instructions after FROM.</summary>
internal sealed record DockerStage(string Name, string From, IReadOnlyList<string> Instructions)
{
    /// <summary>The instructions of one kind (e.g. "RUN", "COPY"), without the keyword.</summary>
    public IEnumerable<string> All(string keyword) =>
        Instructions.Where(instruction => instruction.StartsWith(keyword + " ", StringComparison.Ordinal)).Select(instruction => instruction[(keyword.Length + 1)..]);
}
