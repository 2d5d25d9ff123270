using System.Text.RegularExpressions;

namespace Classroom.Micro.Auth.Permissions;

/// <summary>The shape of a classroom id, as it appears in <c>classroom:&lt;id&gt;</c> channel names.</summary>
internal static partial class ClassroomId
{
    public static bool IsValid(string id) => Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
