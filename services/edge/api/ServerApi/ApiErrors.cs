using Classroom.Micro.Edge.Protocol;
using Grpc.Core;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// The server API's errors: the client protocol's codes (<see cref="ClientErrors"/>) with the gRPC status each maps
/// to, as Centrifugo maps them (102 → NOT_FOUND, 107 → INVALID_ARGUMENT, 112 → OUT_OF_RANGE, 100 → INTERNAL).
/// </summary>
internal static class ApiErrors
{
    public static readonly ApiError Unauthorized = Of(ClientErrors.Unauthorized, StatusCode.Unauthenticated);
    public static readonly ApiError UnknownChannel = Of(ClientErrors.UnknownChannel, StatusCode.NotFound);
    public static readonly ApiError MethodNotFound = Of(ClientErrors.MethodNotFound, StatusCode.Unimplemented);
    public static readonly ApiError UnrecoverablePosition = Of(ClientErrors.UnrecoverablePosition, StatusCode.OutOfRange);
    public static readonly ApiError Internal = Of(ClientErrors.Internal, StatusCode.Internal);

    /// <summary>111: the caller's address made too many failed authentications (HTTP 429, gRPC RESOURCE_EXHAUSTED).</summary>
    public static readonly ApiError TooManyRequests = Of(ClientErrors.TooManyRequests, StatusCode.ResourceExhausted);

    /// <summary>Code 100 like <see cref="Internal"/>, but gRPC callers see UNAVAILABLE: retrying may succeed.</summary>
    public static readonly ApiError Unavailable = Of(ClientErrors.Internal, StatusCode.Unavailable);

    /// <summary>107 naming what is wrong, e.g. <c>bad request: channel is required</c>.</summary>
    public static ApiError BadRequest(string problem) =>
        new(ClientErrors.BadRequest.Code, $"{ClientErrors.BadRequest.Message}: {problem}", StatusCode.InvalidArgument);

    /// <summary>106 naming the limit, e.g. <c>limit exceeded: more than 10000 channels match: narrow the pattern</c>; not retryable as it is.</summary>
    public static ApiError LimitExceeded(string problem) =>
        new(ClientErrors.LimitExceeded.Code, $"{ClientErrors.LimitExceeded.Message}: {problem}", StatusCode.FailedPrecondition);

    /// <summary>What a failed call to auth, registry or fanout means for the API caller.</summary>
    public static ApiError FromUpstream(RpcException exception) => exception.StatusCode switch
    {
        StatusCode.InvalidArgument => BadRequest(exception.Status.Detail),
        StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted => Unavailable,
        _ => Internal,
    };

    private static ApiError Of(ClientError error, StatusCode status) => new(error.Code, error.Message, status);
}
