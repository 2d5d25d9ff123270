using Classroom.Micro.Auth.Permissions;
using Classroom.Micro.Auth.Tokens;
using Classroom.Micro.Auth.V1;
using Grpc.Core;

namespace Classroom.Micro.Auth.Rpc;

/// <summary><c>classroom.auth.v1.AuthService</c>: token validation and channel permissions for the edges.</summary>
internal sealed class AuthRpcService(TokenValidator validator) : AuthService.AuthServiceBase
{
    public override async Task<ValidateTokenResponse> ValidateToken(ValidateTokenRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Token))
        {
            throw RpcMapping.InvalidArgument("token is required");
        }

        var verdict = await validator.ValidateAsync(request.Token, context.CancellationToken);
        return RpcMapping.ToResponse(verdict);
    }

    public override Task<AuthorizeChannelResponse> AuthorizeChannel(AuthorizeChannelRequest request, ServerCallContext context)
    {
        if (request.Principal is null)
        {
            throw RpcMapping.InvalidArgument("principal is required");
        }

        if (string.IsNullOrEmpty(request.Channel))
        {
            throw RpcMapping.InvalidArgument("channel is required");
        }

        var principal = RpcMapping.FromMessage(request.Principal);
        var operation = RpcMapping.FromMessage(request.Action);
        var decision = ChannelPolicy.Decide(principal, request.Channel, operation);
        return Task.FromResult(new AuthorizeChannelResponse { Decision = RpcMapping.ToMessage(decision) });
    }
}
