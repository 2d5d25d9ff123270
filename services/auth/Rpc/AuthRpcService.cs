using Classroom.Micro.Auth.Moderation;
using Classroom.Micro.Auth.Permissions;
using Classroom.Micro.Auth.Tokens;
using Classroom.Micro.Auth.V1;
using Grpc.Core;

namespace Classroom.Micro.Auth.Rpc;

/// <summary><c>classroom.auth.v1.AuthService</c>: token validation, channel permissions and moderation for the edges.</summary>
internal sealed class AuthRpcService(TokenValidator validator, ChannelAuthorizer authorizer, Moderator moderator) : AuthService.AuthServiceBase
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

    public override async Task<AuthorizeChannelResponse> AuthorizeChannel(AuthorizeChannelRequest request, ServerCallContext context)
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
        var decision = await authorizer.DecideAsync(principal, request.Channel, operation, context.CancellationToken);
        return new AuthorizeChannelResponse
        {
            Decision = RpcMapping.ToMessage(decision),
            Cacheable = ChannelPolicy.MayCache(request.Channel, operation),
        };
    }

    public override async Task<ModerateResponse> Moderate(ModerateRequest request, ServerCallContext context)
    {
        if (request.Actor is null)
        {
            throw RpcMapping.InvalidArgument("actor is required");
        }

        var actor = RpcMapping.FromMessage(request.Actor, "actor");
        if (string.IsNullOrEmpty(request.ClassroomId))
        {
            throw RpcMapping.InvalidArgument("classroom_id is required");
        }

        if (!ClassroomId.IsValid(request.ClassroomId))
        {
            throw RpcMapping.InvalidArgument("classroom_id must be 1-64 of A-Z a-z 0-9 _ -");
        }

        var action = RpcMapping.FromMessage(request.Action);
        if (action != ClassroomAction.End)
        {
            if (string.IsNullOrEmpty(request.TargetUserId))
            {
                throw RpcMapping.InvalidArgument("target_user_id is required for KICK, MUTE and UNMUTE");
            }

            if (string.Equals(request.TargetUserId, actor.UserId, StringComparison.Ordinal))
            {
                throw RpcMapping.InvalidArgument("target_user_id must not be the actor");
            }
        }

        var result = await moderator.ApplyAsync(actor, request.ClassroomId, action, request.TargetUserId);
        if (result == ModerationResult.Forbidden)
        {
            throw RpcMapping.PermissionDenied($"only a teacher of classroom {request.ClassroomId} may moderate it");
        }

        return new ModerateResponse { Channel = ChannelNames.Classroom(request.ClassroomId) };
    }
}
