using System.Text.RegularExpressions;

namespace Classroom.Micro.Api.ServerApi;

/// <summary>
/// Which channels exist, for the server API: <c>classroom:&lt;id&gt;</c> (the id as auth accepts it) and
/// <c>personal:#&lt;userId&gt;</c>. The server may use any of them without a membership check; anything else is
/// unknown (102), as it would be to a client.
/// </summary>
internal static partial class ServerChannels
{
    private const string ClassroomNamespace = "classroom:";
    private const string PersonalNamespace = "personal:#";

    /// <summary>Null when <paramref name="channel"/> exists; otherwise 107 for a missing name, 102 for an unknown one.</summary>
    public static ApiError? Check(string channel, string field = "channel")
    {
        if (string.IsNullOrEmpty(channel))
        {
            return ApiErrors.BadRequest($"{field} is required");
        }

        if (channel.StartsWith(ClassroomNamespace, StringComparison.Ordinal))
        {
            return ClassroomId().IsMatch(channel.AsSpan(ClassroomNamespace.Length)) ? null : ApiErrors.UnknownChannel;
        }

        if (channel.StartsWith(PersonalNamespace, StringComparison.Ordinal))
        {
            return channel.Length > PersonalNamespace.Length ? null : ApiErrors.UnknownChannel;
        }

        return ApiErrors.UnknownChannel;
    }

    // The same shape auth's channel policy accepts, so the server cannot create a channel no client could join.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ClassroomId();
}
