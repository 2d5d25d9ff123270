namespace Classroom.Micro.Api.ServerApi;

/// <summary>What a server API method produced: its result, or an <see cref="ApiError"/> (an expected failure is a value, not an exception).</summary>
internal readonly struct ApiOutcome<T>
    where T : class
{
    private ApiOutcome(T? result, ApiError? error)
    {
        Result = result;
        Error = error;
    }

    /// <summary>Set when the call succeeded.</summary>
    public T? Result { get; }

    /// <summary>Set when the call failed.</summary>
    public ApiError? Error { get; }

    public static ApiOutcome<T> Success(T result) => new(result, null);

    public static ApiOutcome<T> Failure(ApiError error) => new(null, error);

    public static implicit operator ApiOutcome<T>(T result) => Success(result);

    public static implicit operator ApiOutcome<T>(ApiError error) => Failure(error);
}
