using Grpc.Core;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// A method-level failure of the server API: the Centrifugo error <paramref name="Code"/> and message that HTTP
/// callers get in <c>{"error":{…}}</c>, and the gRPC <paramref name="Status"/> gRPC callers get instead.
/// </summary>
internal readonly record struct ApiError(int Code, string Message, StatusCode Status);
