using System.Text;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Registry.V1;

namespace Classroom.Micro.Edge.Commands;

/// <summary>What the registry records about a connection's subscription.</summary>
internal static class RegistryEntries
{
    private const string ClassroomPrefix = "classroom:";

    public static Subscription For(ClientSession session, string channel)
    {
        var principal = session.Identity!;
        return new Subscription
        {
            ConnectionId = session.ClientId,
            UserId = principal.UserId,
            Channel = channel,
            ClassroomId = channel.StartsWith(ClassroomPrefix, StringComparison.Ordinal) ? channel[ClassroomPrefix.Length..] : "",
            EdgeId = session.EdgeId,
            Role = principal.Role,
            Name = principal.Name,
            ConnectedAtUnixMs = session.ConnectedAt.ToUnixTimeMilliseconds(),
            ConnInfoJson = session.ConnInfo.IsEmpty ? "" : Encoding.UTF8.GetString(session.ConnInfo.Utf8.Span),
        };
    }
}
