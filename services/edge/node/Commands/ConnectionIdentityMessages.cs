using Classroom.Micro.Auth.V1;
using Classroom.Micro.Edge.Connections;

namespace Classroom.Micro.Edge.Commands;

/// <summary>The boundary between auth's <see cref="Principal"/> and the edge's <see cref="ConnectionIdentity"/>.</summary>
internal static class ConnectionIdentityMessages
{
    public static ConnectionIdentity ToIdentity(this Principal principal) => new(principal.UserId)
    {
        Name = principal.Name,
        Role = principal.Role,
        Classrooms = [.. principal.Classrooms],
        InfoJson = principal.InfoJson,
        ExpiresAtUnix = principal.ExpiresAtUnix,
        IssuedAtUnix = principal.IssuedAtUnix,
        Channels = [.. principal.Channels],
    };

    /// <summary>The principal auth is asked about (channel decisions, teacher actions).</summary>
    public static Principal ToMessage(this ConnectionIdentity identity) => new()
    {
        UserId = identity.UserId,
        Name = identity.Name,
        Role = identity.Role,
        Classrooms = { identity.Classrooms },
        InfoJson = identity.InfoJson,
        ExpiresAtUnix = identity.ExpiresAtUnix,
        IssuedAtUnix = identity.IssuedAtUnix,
        Channels = { identity.Channels },
    };
}
