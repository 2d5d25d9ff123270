namespace Classroom.Micro.Edge.Commands;

/// <summary>
/// What a channel name a client sends may look like, checked before anyone is asked about it: at most
/// <see cref="CommandOptions.MaxChannelLength"/> characters of printable ASCII without spaces. Channel names are
/// <c>classroom:&lt;id&gt;</c> and <c>personal:#&lt;userId&gt;</c>; nothing else ever exists.
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
