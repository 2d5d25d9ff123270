using System.Text;
using System.Text.RegularExpressions;

namespace Classroom.Micro.Registry.Channels;

/// <summary>
/// A glob over channel names, as Centrifugo's <c>channels</c> method takes it: <c>*</c> any run of characters
/// (<c>:</c> included), <c>?</c> one character, <c>[abc]</c>, <c>[!abc]</c>, <c>[a-z]</c>, <c>{a,b}</c> alternatives, and
/// <c>\</c> taking the next character literally. Matched without backtracking, so no pattern can stall the registry.
/// </summary>
internal sealed class ChannelPattern
{
    /// <summary>Longest pattern accepted.</summary>
    public const int MaxLength = 1024;

    private readonly Regex? _regex;

    private ChannelPattern(Regex? regex) => _regex = regex;

    /// <summary>Matches every channel (the empty pattern).</summary>
    public static ChannelPattern Any { get; } = new(null);

    public bool Matches(string channel) => _regex is null || _regex.IsMatch(channel);

    /// <summary>Parses <paramref name="pattern"/>; on failure <paramref name="problem"/> says what is wrong with it.</summary>
    public static bool TryParse(string pattern, out ChannelPattern result, out string? problem)
    {
        result = Any;
        problem = null;
        if (pattern.Length == 0)
        {
            return true;
        }

        if (pattern.Length > MaxLength)
        {
            problem = $"must be at most {MaxLength} characters";
            return false;
        }

        var regex = new StringBuilder(@"\A", pattern.Length * 2);
        var alternatives = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    if (++i == pattern.Length)
                    {
                        problem = "must not end with an unescaped '\\'";
                        return false;
                    }

                    regex.Append(Regex.Escape(pattern[i].ToString()));
                    break;
                case '*':
                    regex.Append(".*");
                    break;
                case '?':
                    regex.Append('.');
                    break;
                case '[':
                    if (!TryAppendClass(pattern, ref i, regex, out problem))
                    {
                        return false;
                    }

                    break;
                case '{':
                    alternatives++;
                    regex.Append("(?:");
                    break;
                case ',' when alternatives > 0:
                    regex.Append('|');
                    break;
                case '}':
                    if (alternatives == 0)
                    {
                        problem = "has a '}' without its '{'";
                        return false;
                    }

                    alternatives--;
                    regex.Append(')');
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        if (alternatives > 0)
        {
            problem = "has a '{' without its '}'";
            return false;
        }

        regex.Append(@"\z");
        result = new ChannelPattern(new Regex(
            regex.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking));
        return true;
    }

    /// <summary>Appends <c>[…]</c> starting at <paramref name="i"/> and leaves <paramref name="i"/> on its closing bracket.</summary>
    private static bool TryAppendClass(string pattern, ref int i, StringBuilder regex, out string? problem)
    {
        problem = null;
        var start = i + 1;
        var negated = start < pattern.Length && pattern[start] == '!';
        if (negated)
        {
            start++;
        }

        var end = pattern.IndexOf(']', start);
        if (end < 0)
        {
            problem = "has a '[' without its ']'";
            return false;
        }

        if (end == start)
        {
            problem = "has an empty character class '[]'";
            return false;
        }

        var members = pattern.AsSpan(start, end - start);
        for (var k = 0; k < members.Length; k++)
        {
            if (k + 2 < members.Length && members[k + 1] == '-')
            {
                // The regex would refuse it at construction, which must surface as a malformed pattern, not a failure.
                if (members[k] > members[k + 2])
                {
                    problem = $"has a reversed range '{members[k]}-{members[k + 2]}'";
                    return false;
                }

                k += 2;
            }
        }

        regex.Append(negated ? "[^" : "[");
        foreach (var member in members)
        {
            // '-' keeps its range meaning; everything else the regex could read specially is escaped.
            if (member is '\\' or '[' or '^')
            {
                regex.Append('\\');
            }

            regex.Append(member);
        }

        regex.Append(']');
        i = end;
        return true;
    }
}
