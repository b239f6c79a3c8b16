using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace RnnNotebooks.Charts;

/// <summary>
/// Lines on a symmetric-log y axis. Plotly has no such axis, so each value g is drawn at
/// <c>sign(g)·log₁₀(1 + |g|/C)</c> for a linear threshold C: linear within about ±C, logarithmic beyond, and
/// sign-preserving. Pick C near the smallest magnitude that matters, or everything below C looks flat.
/// The ticks sit exactly where 0 and ±C·10ᵏ land and are labelled with those values; hovering shows the true g.
/// </summary>
public static class SymLogChart
{
    private static readonly string[] Palette = ["#636efa", "#ef553b", "#00cc96", "#ab63fa", "#ffa15a", "#19d3f3", "#ff6692", "#b6e880"];

    /// <summary>The plotted height of <paramref name="g"/>: sign(g)·log₁₀(1 + |g|/<paramref name="threshold"/>).</summary>
    public static double Transform(double g, double threshold = 1) => Math.Sign(g) * Math.Log10(1 + Math.Abs(g) / threshold);

    /// <summary>The value whose plotted height is <paramref name="h"/> (the inverse of <see cref="Transform"/>).</summary>
    public static double Inverse(double h, double threshold = 1) => Math.Sign(h) * (Math.Pow(10, Math.Abs(h)) - 1) * threshold;

    /// <summary>One line per series over the shared <paramref name="x"/>, on the symmetric-log y axis.</summary>
    /// <param name="x">Horizontal values.</param>
    /// <param name="series">Named y values, one per x.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xLabel">Horizontal axis label.</param>
    /// <param name="yLabel">Vertical axis label (say that the axis is symmetric-log).</param>
    /// <param name="decadeStep">Label every this many powers of ten above the threshold (0 is always labelled).</param>
    /// <param name="colors">Optional CSS colour per series, in order.</param>
    /// <param name="linearThreshold">C: values within about ±C are drawn linearly; a power of ten, so the ticks fall on decades.</param>
    /// <exception cref="ArgumentException">A series has a different length from <paramref name="x"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The decade step or the threshold is not positive.</exception>
    public static GenericChart Create(IReadOnlyList<double> x, IEnumerable<Series> series, string title, string xLabel, string yLabel, int decadeStep = 1,
        IReadOnlyList<string>? colors = null, double linearThreshold = 1)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(decadeStep);
        if (!(linearThreshold > 0) || !double.IsFinite(linearThreshold))
            throw new ArgumentOutOfRangeException(nameof(linearThreshold), linearThreshold, "Expected a positive, finite linear threshold.");
        var charts = new List<GenericChart>();
        double top = 1;
        int index = 0;
        foreach (var s in series)
        {
            var ys = s.Y.ToArray();
            if (ys.Length != x.Count) throw new ArgumentException($"Series '{s.Name}' has {ys.Length} values; expected {x.Count} (one per x).", nameof(series));
            var h = ys.Select(v => Transform(v, linearThreshold)).ToArray();
            string color = colors is not null && index < colors.Count ? colors[index] : Palette[index % Palette.Length];
            top = Math.Max(top, h.Max(Math.Abs));
            var line = Chart.Line<double, double, string>(x: x, y: h, Name: s.Name, ShowMarkers: true, ShowLegend: true,
                MultiText: ys.Select(v => NumberFormat.Auto(v, 3)).ToArray(),
                LineColor: Color.fromString(color), MarkerColor: Color.fromString(color));
            index++;
            line.GetTraces().Single().SetProperty("hovertemplate", "%{x}: %{text}<extra>" + s.Name + "</extra>");
            line.GetTraces().Single().SetProperty("mode", "lines+markers");
            charts.Add(line);
        }
        int maxDecade = (int)Math.Ceiling(top);
        int thresholdDecade = (int)Math.Round(Math.Log10(linearThreshold));
        bool scientific = NumberFormat.DecadesNeedExponents(thresholdDecade, thresholdDecade + maxDecade);
        var values = new List<double> { 0 };
        var labels = new List<string> { "0" };
        for (int k = decadeStep; k <= maxDecade; k += decadeStep)
        {
            double v = linearThreshold * Math.Pow(10, k);
            string label = NumberFormat.Decade(thresholdDecade + k, scientific);
            values.Add(Transform(v, linearThreshold));
            labels.Add(label);
            values.Add(Transform(-v, linearThreshold));
            labels.Add("−" + label);
        }
        return Plot.Style(Chart.Combine(charts), title, xLabel, yLabel)
            .WithTicks('y', values, labels)
            .WithPixelSize(820, 620);
    }
}
