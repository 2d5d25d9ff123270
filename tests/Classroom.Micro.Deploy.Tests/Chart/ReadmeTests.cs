using System.Text.RegularExpressions;
using Classroom.Micro.Testing;
using Xunit;

namespace Classroom.Micro.Deploy.Tests.Chart;

public sealed partial class ReadmeTests
{
    private static readonly string s_chart = Path.Combine(RepositoryPaths.Root, "deploy", "helm", "classroom");

    [Fact]
    public async Task Every_documented_value_has_a_row_in_the_readme_and_every_row_names_a_value()
    {
        var values = await ValuesKeys.ReadAsync(Path.Combine(s_chart, "values.yaml")).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var readme = await File.ReadAllTextAsync(Path.Combine(s_chart, "README.md"), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var valuesSection = readme[readme.IndexOf("\n## Values\n", StringComparison.Ordinal)..];
        var rows = TableRow().Matches(valuesSection).Select(match => match.Groups["path"].Value).ToHashSet(StringComparer.Ordinal);

        var missingRows = values.Documented.Where(path => !rows.Contains(path)).ToList();
        var staleRows = rows.Where(row => !values.All.Contains(row)).ToList();
        Assert.Empty(missingRows);
        Assert.Empty(staleRows);
    }

    [Fact]
    public async Task Every_value_is_documented_in_values_yaml_itself_or_through_its_parent()
    {
        var values = await ValuesKeys.ReadAsync(Path.Combine(s_chart, "values.yaml")).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var undocumented = values.Leaves.Where(leaf =>
            !values.Documented.Any(documented => leaf == documented || leaf.StartsWith(documented + ".", StringComparison.Ordinal))).ToList();
        Assert.Empty(undocumented);
    }

    [GeneratedRegex(@"^\| `(?<path>[A-Za-z0-9_.]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
