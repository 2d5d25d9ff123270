namespace Classroom.Micro.Edge.Protocol;

/// <summary>The client's empty <c>{}</c> answering our ping.</summary>
internal sealed record PingReply() : ClientCommand(0)
{
    /// <summary>Every pong is alike, so the parser hands out this one instance.</summary>
    public static PingReply Instance { get; } = new();
}
