using System.Text.RegularExpressions;

namespace Classroom.Micro.Deploy.Tests.Chart;

/// <summary>
/// The key paths of values.yaml, read line by line: every key, the leaves (keys with a value on their own line), and
/// the documented ones (preceded by a <c># --</c> comment, the helm-docs convention). A documented key with children
/// (e.g. <c>resources</c>) is documented as a whole.
/// </summary>
internal sealed partial class ValuesKeys
{
    private ValuesKeys(HashSet<string> all, List<string> leaves, List<string> documented)
    {
        All = all;
        Leaves = leaves;
        Documented = documented;
    }

    public IReadOnlySet<string> All { get; }

    public IReadOnlyList<string> Leaves { get; }

    public IReadOnlyList<string> Documented { get; }

    public static async Task<ValuesKeys> ReadAsync(string path)
    {
        var lines = await File.ReadAllLinesAsync(path);
        var all = new HashSet<string>(StringComparer.Ordinal);
        var leaves = new List<string>();
        var documented = new List<string>();
        var parents = new List<(int Indent, string Path)>();
        var commented = false;
        foreach (var line in lines)
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("# --", StringComparison.Ordinal))
            {
                commented = true;
                continue;
            }

            var key = Key().Match(line);
            if (!key.Success)
            {
                commented &= trimmed.StartsWith('#');
                continue;
            }

            var indent = key.Groups["indent"].Length;
            parents.RemoveAll(parent => parent.Indent >= indent);
            var keyPath = string.Join('.', parents.Select(parent => parent.Path).Append(key.Groups["key"].Value));
            all.Add(keyPath);
            if (commented)
            {
                documented.Add(keyPath);
            }

            if (key.Groups["value"].Length > 0)
            {
                leaves.Add(keyPath);
            }
            else
            {
                parents.Add((indent, key.Groups["key"].Value));
            }

            commented = false;
        }

        return new ValuesKeys(all, leaves, documented);
    }

    [GeneratedRegex(@"^(?<indent> *)(?<key>[A-Za-z0-9_.-]+):(?: (?<value>.+))?$")]
    private static partial Regex Key();
}
