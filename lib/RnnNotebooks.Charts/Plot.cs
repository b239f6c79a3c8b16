using Plotly.NET;
using Plotly.NET.CSharp;

namespace RnnNotebooks.Charts;

/// <summary>
/// Chart helpers for the notebooks: every chart gets a title, axis labels and numbers without SI prefixes.
/// The results are Plotly.NET charts, which notebooks display as interactive Plotly figures.
/// </summary>
public static class Plot
{
    /// <summary>Several lines sharing the x values, with a legend; <paramref name="logY"/> labels every decade.</summary>
    /// <exception cref="ArgumentException">No series, or a series with a different length from <paramref name="x"/>.</exception>
    public static GenericChart Lines(IEnumerable<double> x, IEnumerable<Series> series, string title, string xLabel, string yLabel,
        bool logY = false, IReadOnlyList<string>? colors = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(series);
        var xs = x.ToArray();
        var curves = new List<Curve>();
        foreach (var s in series)
        {
            var ys = s.Y.ToArray();
            if (ys.Length != xs.Length)
                throw new ArgumentException($"Series '{s.Name}' has {ys.Length} values; expected {xs.Length} (one per x).", nameof(series));
            curves.Add(new Curve(s.Name, xs, ys) { Color = colors is not null && curves.Count < colors.Count ? colors[curves.Count] : null });
        }
        if (curves.Count == 0) throw new ArgumentException("Expected at least one series; got none.", nameof(series));
        return CurveChart.Lines(curves, title, xLabel, yLabel, logY);
    }

    /// <summary>Applies a title, axis labels, the notebooks' size and plain numbers (no SI prefixes) to any chart.</summary>
    public static GenericChart Style(GenericChart chart, string title, string xLabel, string yLabel) =>
        Plotly.NET.Chart.withTitle(title, TitleFont: null).Invoke(chart)
            .WithXAxisStyle<double, double, string>(TitleText: xLabel)
            .WithYAxisStyle<double, double, string>(TitleText: yLabel)
            .WithSize(Width: 860, Height: 450)
            .WithPlainNumbers();
}
