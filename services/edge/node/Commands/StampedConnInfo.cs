using System.Text;
using System.Text.Json.Nodes;
using Classroom.Micro.Edge.Connections;
using Classroom.Micro.Edge.Protocol;

namespace Classroom.Micro.Edge.Commands;

/// <summary>
/// What others see of a connection (<c>conn_info</c>): the token's <c>info</c> object with the server's
/// <c>name</c> and <c>role</c> stamped over it. The token's <c>info</c> can add fields but never claim another
/// role or name: the web app trusts <c>conn_info.role</c> for teacher-only actions.
/// </summary>
internal static class StampedConnInfo
{
    public static RawJson For(ConnectionIdentity principal)
    {
        var info = string.IsNullOrEmpty(principal.InfoJson) ? new JsonObject() : JsonNode.Parse(principal.InfoJson) as JsonObject ?? new JsonObject();
        if (string.IsNullOrEmpty(principal.Name))
        {
            // Without a name claim the token's info must not supply one either (a student calling themself "Ms Lee").
            info.Remove("name");
        }
        else
        {
            info["name"] = principal.Name;
        }

        info["role"] = principal.Role;
        return RawJson.FromTrusted(Encoding.UTF8.GetBytes(info.ToJsonString()));
    }
}
