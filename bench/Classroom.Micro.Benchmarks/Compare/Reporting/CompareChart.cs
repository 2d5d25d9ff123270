using System.Globalization;
using System.Security;
using System.Text;

namespace Classroom.Micro.Benchmarks.Compare.Reporting;

/// <summary>
/// A hand-written SVG of every system's knee ramp: deliveries per second (x) against p99 publish → delivery (y, log
/// scale), one line per system, with the threshold drawn across.
/// </summary>
internal static class CompareChart
{
    private const int Width = 760;
    private const int Height = 420;
    private const int Left = 70;
    private const int Right = 180;
    private const int Top = 40;
    private const int Bottom = 50;
    private const double MinMs = 1;
    private const double MaxMs = 2000;

    private static readonly string[] Colours = ["#1f6feb", "#0a8a4a", "#d1242f", "#9a6700", "#8250df", "#57606a"];

    public static string Write(CompareReport report)
    {
        var series = report.Systems
            .Where(system => system.Knee is { Steps.Count: > 0 })
            .Select(system => (system.Name, Points: system.Knee!.Steps.Select(step => (X: step.DeliveriesPerSecond, Y: Math.Clamp(step.Delivery.P99, MinMs, MaxMs))).ToList()))
            .ToList();
        var maxX = Math.Max(1000, series.SelectMany(line => line.Points).Select(point => point.X).DefaultIfEmpty(1000).Max());
        maxX = NiceCeiling(maxX);

        var svg = new StringBuilder();
        Append(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        Append(svg, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>");
        Append(svg, $"<text x=\"{Left}\" y=\"22\" font-size=\"14\" font-weight=\"bold\">Deliveries/s against p99 publish → delivery ({report.StartedAt:yyyy-MM-dd}, load {Load(report)})</text>");

        // Axes, grid and labels.
        for (var tick = 0; tick <= 5; tick++)
        {
            var value = maxX * tick / 5;
            var x = X(value, maxX);
            Append(svg, $"<line x1=\"{x:0.#}\" y1=\"{Top}\" x2=\"{x:0.#}\" y2=\"{Height - Bottom}\" stroke=\"#eee\"/>");
            Append(svg, $"<text x=\"{x:0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{value:#,0}</text>");
        }

        foreach (var ms in new[] { 1.0, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000 })
        {
            var y = Y(ms);
            Append(svg, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"#eee\"/>");
            Append(svg, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{ms:0}</text>");
        }

        var threshold = Y(report.Settings.P99ThresholdMs);
        Append(svg, $"<line x1=\"{Left}\" y1=\"{threshold:0.#}\" x2=\"{Width - Right}\" y2=\"{threshold:0.#}\" stroke=\"#999\" stroke-dasharray=\"6 4\"/>");
        Append(svg, $"<text x=\"{Width - Right - 4}\" y=\"{threshold - 4:0.#}\" text-anchor=\"end\" fill=\"#666\">p99 threshold {report.Settings.P99ThresholdMs:0} ms</text>");
        Append(svg, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>");
        Append(svg, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>");
        Append(svg, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 12}\" text-anchor=\"middle\">deliveries per second</text>");
        Append(svg, $"<text transform=\"translate(18 {(Top + Height - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">p99 publish → delivery (ms, log)</text>");

        for (var index = 0; index < series.Count; index++)
        {
            var (name, points) = series[index];
            var colour = Colours[index % Colours.Length];
            var path = string.Join(' ', points.Select(point => string.Create(CultureInfo.InvariantCulture, $"{X(point.X, maxX):0.#},{Y(point.Y):0.#}")));
            Append(svg, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{path}\"/>");
            foreach (var point in points)
            {
                Append(svg, $"<circle cx=\"{X(point.X, maxX):0.#}\" cy=\"{Y(point.Y):0.#}\" r=\"3\" fill=\"{colour}\"/>");
            }

            var legendY = Top + 10 + (index * 20);
            Append(svg, $"<line x1=\"{Width - Right + 16}\" y1=\"{legendY}\" x2=\"{Width - Right + 36}\" y2=\"{legendY}\" stroke=\"{colour}\" stroke-width=\"2\"/>");
            Append(svg, $"<text x=\"{Width - Right + 42}\" y=\"{legendY + 4}\">{SecurityElement.Escape(name)}</text>");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static double X(double value, double maxX) => Left + ((Width - Left - Right) * value / maxX);

    private static double Y(double ms) =>
        Height - Bottom - ((Height - Top - Bottom) * (Math.Log10(Math.Clamp(ms, MinMs, MaxMs)) - Math.Log10(MinMs)) / (Math.Log10(MaxMs) - Math.Log10(MinMs)));

    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(step => step * magnitude).First(candidate => candidate >= value);
    }

    private static string Load(CompareReport report) =>
        report.Machine.LoadAverage.Count > 0 ? report.Machine.LoadAverage[0].ToString("0.0", CultureInfo.InvariantCulture) : "?";

    private static void Append(StringBuilder svg, FormattableString line) => svg.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
