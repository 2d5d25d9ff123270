namespace Classroom.Micro.Edge.Commands;

/// <summary>What the per-connection command rate limit decided about one command.</summary>
internal enum RateVerdict
{
    /// <summary>Within the rate: handle it.</summary>
    Admitted,

    /// <summary>Over the rate: answer 111 (too many requests, temporary).</summary>
    Refused,

    /// <summary>Over the rate for too long: close the connection with 3013.</summary>
    Disconnect,
}
