using System.Globalization;
using System.Security;
using System.Text;

namespace RecoveryCluster.Benchmarks.Recovery;

/// <summary>A grouped bar chart as a self-contained SVG: one group per category, one bar per series.</summary>
public static class SvgBarChart
{
    private static readonly string[] Colours = ["#2b7bb9", "#d9822b"];

    public static string Render(string title, string unit, IReadOnlyList<string> series, IReadOnlyList<(string Category, double[] Values)> groups)
    {
        const int width = 760, height = 360, left = 60, bottom = 60, top = 40;
        var plotHeight = height - bottom - top;
        var max = Math.Max(groups.SelectMany(g => g.Values).DefaultIfEmpty(0).Max(), 1e-9);
        var groupWidth = (width - left - 20) / (double)Math.Max(groups.Count, 1);
        var barWidth = groupWidth * 0.8 / series.Count;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width / 2}\" y=\"20\" text-anchor=\"middle\" font-size=\"15\">{SecurityElement.Escape(title)}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - 20}\" y2=\"{height - bottom}\" stroke=\"#333\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{top - 8}\">{SecurityElement.Escape(unit)}</text>\n");
        for (var g = 0; g < groups.Count; g++)
        {
            var (category, values) = groups[g];
            var x0 = left + g * groupWidth + groupWidth * 0.1;
            for (var s = 0; s < values.Length; s++)
            {
                var h = values[s] / max * plotHeight;
                var x = x0 + s * barWidth;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{height - bottom - h:0.#}\" width=\"{barWidth - 2:0.#}\" height=\"{h:0.#}\" fill=\"{Colours[s % Colours.Length]}\"/>\n");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + barWidth / 2:0.#}\" y=\"{height - bottom - h - 4:0.#}\" text-anchor=\"middle\" font-size=\"10\">{values[s]:0.#}</text>\n");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x0 + groupWidth * 0.4:0.#}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\">{SecurityElement.Escape(category)}</text>\n");
        }

        for (var s = 0; s < series.Count; s++)
        {
            var y = height - 18;
            var x = left + s * 200;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y - 10}\" width=\"12\" height=\"12\" fill=\"{Colours[s % Colours.Length]}\"/><text x=\"{x + 18}\" y=\"{y}\">{SecurityElement.Escape(series[s])}</text>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }
}
