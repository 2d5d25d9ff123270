using System.Diagnostics.CodeAnalysis;

namespace Classroom.Micro.Auth.Permissions;

/// <summary>The two channel namespaces, <c>classroom:&lt;id&gt;</c> and <c>personal:#&lt;userId&gt;</c>: building and reading names.</summary>
internal static class ChannelNames
{
    public const string ClassroomNamespace = "classroom:";
    public const string PersonalNamespace = "personal:#";

    public static string Classroom(string classroomId) => ClassroomNamespace + classroomId;

    /// <summary>The text after <c>classroom:</c>, whether or not it is a valid id.</summary>
    public static bool TryGetClassroomId(string channel, [NotNullWhen(true)] out string? classroomId) =>
        TryGetSuffix(channel, ClassroomNamespace, out classroomId);

    /// <summary>The text after <c>personal:#</c>, possibly empty.</summary>
    public static bool TryGetPersonalOwner(string channel, [NotNullWhen(true)] out string? ownerId) =>
        TryGetSuffix(channel, PersonalNamespace, out ownerId);

    private static bool TryGetSuffix(string channel, string prefix, [NotNullWhen(true)] out string? suffix)
    {
        suffix = channel.StartsWith(prefix, StringComparison.Ordinal) ? channel[prefix.Length..] : null;
        return suffix is not null;
    }
}
