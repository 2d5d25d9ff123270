namespace Classroom.Micro.Benchmarks.Protocol;

/// <summary>A command the server answered with an error, or that could not be answered because the socket closed.</summary>
internal sealed class ProtocolException : Exception
{
    public ProtocolException()
    {
    }

    public ProtocolException(string message)
        : base(message)
    {
    }

    public ProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProtocolException(int code, string message)
        : base($"error {code}: {message}")
    {
        Code = code;
    }

    /// <summary>The protocol's error code (e.g. 103 permission denied), when the server sent one.</summary>
    public int? Code { get; }
}
