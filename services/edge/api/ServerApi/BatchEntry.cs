using Classroom.Micro.Api.V1;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// One command of a batch as it arrived: the <paramref name="Command"/> to run, or the <paramref name="Error"/> it is
/// answered with unrun (an HTTP command naming no known method, or with a field of the wrong type).
/// </summary>
internal readonly record struct BatchEntry(Command? Command, ApiError? Error)
{
    public static implicit operator BatchEntry(Command command) => new(command, null);

    public static implicit operator BatchEntry(ApiError error) => new(null, error);
}
