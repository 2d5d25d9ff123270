using Classroom.Micro.Auth.V1;
using Classroom.Micro.ServiceDefaults.InternalPlane;

namespace Classroom.Micro.Auth.Rpc;

/// <summary>Who may call auth: only the edges, which validate their clients' tokens, channels and moderation rpcs.</summary>
internal static class AuthCallers
{
    public static InternalCallerPolicy Policy { get; } = new(AuthService.Descriptor, new Dictionary<string, string[]>
    {
        ["ValidateToken"] = [InternalServices.Edge],
        ["AuthorizeChannel"] = [InternalServices.Edge],
        ["Moderate"] = [InternalServices.Edge],
    });
}
