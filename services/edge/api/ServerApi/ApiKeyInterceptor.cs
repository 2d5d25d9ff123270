using Classroom.Micro.ServiceDefaults.Http;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// Refuses gRPC server API calls without a valid key (<c>x-api-key: &lt;key&gt;</c> or <c>authorization: apikey &lt;key&gt;</c>
/// metadata) with UNAUTHENTICATED, before the method runs; an address past its failed authentications with
/// RESOURCE_EXHAUSTED (see <see cref="ApiAuthFailures"/>).
/// </summary>
internal sealed class ApiKeyInterceptor(ApiKeys keys, ApiAuthFailures failures, ServerApiMetrics metrics, ILogger<ApiKeyInterceptor> logger) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var headers = context.RequestHeaders;
        var address = ClientAddress.Of(context.GetHttpContext());
        if (!failures.Allows(address))
        {
            var method = MethodName(context.Method);
            ServerApiLog.LockedOut(logger, method, ServerApiMetrics.Grpc, address);
            metrics.Called(method, ServerApiMetrics.Grpc, ApiErrors.TooManyRequests.Code);
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "too many failed authentications from this address; try again later"));
        }

        if (!keys.Accepts(ApiCredentials.Presented(headers.GetValue(ApiCredentials.ApiKeyMetadata), headers.GetValue(ApiCredentials.AuthorizationMetadata))))
        {
            var method = MethodName(context.Method);
            failures.Failed(address);
            ServerApiLog.Unauthenticated(logger, method, ServerApiMetrics.Grpc, address);
            metrics.Called(method, ServerApiMetrics.Grpc, ApiErrors.Unauthorized.Code);
            throw new RpcException(new Status(StatusCode.Unauthenticated, "a valid API key is required (x-api-key or authorization: apikey <key>)"));
        }

        return continuation(request, context);
    }

    /// <summary><c>/classroom.api.v1.ServerApi/Publish</c> → <c>Publish</c>.</summary>
    private static string MethodName(string fullName) => fullName[(fullName.LastIndexOf('/') + 1)..];
}
