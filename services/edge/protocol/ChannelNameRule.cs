namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// What a channel name may look like, checked before anyone is asked about it: at most <c>maxLength</c> characters
/// of printable ASCII without spaces. Only the cheap shape check lives here; which channels exist and who may use
/// them is auth's answer (<c>AuthorizeChannel</c>, <c>DescribeChannel</c>).
/// </summary>
internal static class ChannelNameRule
{
    public static bool IsValid(string? channel, int maxLength)
    {
        if (string.IsNullOrEmpty(channel) || channel.Length > maxLength)
        {
            return false;
        }

        foreach (var character in channel)
        {
            if (character is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
