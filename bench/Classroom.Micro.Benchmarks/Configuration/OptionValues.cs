using System.Globalization;

namespace Classroom.Micro.Benchmarks.Configuration;

/// <summary>
/// What both command lines (the benchmark's and <c>--compare</c>'s) share: folding <c>--name value</c> pairs into
/// settings, and the value parsers with their error messages.
/// </summary>
internal static class OptionValues
{
    /// <summary>Applies each <c>--name value</c> pair to <paramref name="settings"/> in order; null when help was asked for.</summary>
    public static TSettings? Fold<TSettings>(IReadOnlyList<string> arguments, TSettings settings, Func<TSettings, string, string, TSettings> apply)
        where TSettings : class
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(apply);
        for (var i = 0; i < arguments.Count; i++)
        {
            var name = arguments[i];
            if (name is "--help" or "-h")
            {
                return null;
            }

            if (i + 1 >= arguments.Count)
            {
                throw new ArgumentException($"{name} needs a value.");
            }

            settings = apply(settings, name, arguments[++i]);
        }

        return settings;
    }

    public static List<string> List(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public static int Count(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw new ArgumentException($"{name} takes a whole number above 0, not '{value}'.");

    public static double Number(string name, string value, bool allowZero = false) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && (number > 0 || (allowZero && number == 0))
            ? number
            : throw new ArgumentException($"{name} takes a number above 0, not '{value}'.");
}
