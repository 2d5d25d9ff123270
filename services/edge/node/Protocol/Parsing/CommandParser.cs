using System.Text.Unicode;

namespace Classroom.Micro.Edge.Protocol;

/// <summary>
/// Decodes a client frame: one or more JSON command objects separated by line feeds (the SDK batches its commands,
/// e.g. connect and every subscribe in the first frame). Blank lines, carriage returns and surrounding whitespace are
/// tolerated. Expected failures are values, never exceptions.
/// </summary>
internal static class CommandParser
{
    private static ReadOnlySpan<byte> Whitespace => " \t\r\n"u8;

    /// <summary>
    /// Appends the frame's commands to <paramref name="commands"/> in order. When any line is malformed nothing is
    /// appended, so the session never acts on half a frame it is about to reject.
    /// </summary>
    public static FrameParseResult Parse(ReadOnlySpan<byte> frame, List<ClientCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var before = commands.Count;
        if (!Utf8.IsValid(frame))
        {
            return FrameParseResult.Malformed;
        }

        var remaining = frame;
        while (true)
        {
            var newline = remaining.IndexOf((byte)'\n');
            var line = (newline < 0 ? remaining : remaining[..newline]).Trim(Whitespace);
            if (!line.IsEmpty)
            {
                var command = CommandReader.Read(line);
                if (command is null)
                {
                    commands.RemoveRange(before, commands.Count - before);
                    return FrameParseResult.Malformed;
                }

                commands.Add(command);
            }

            if (newline < 0)
            {
                break;
            }

            remaining = remaining[(newline + 1)..];
        }

        return commands.Count > before ? FrameParseResult.Ok : FrameParseResult.Malformed;
    }
}
