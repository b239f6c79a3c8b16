using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;
using Plotly.NET.CSharp;

namespace RnnNotebooks.Charts;

/// <summary>A named series of y values for a multi-line chart.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="Y">Values, one per x.</param>
public sealed record Series(string Name, IEnumerable<double> Y);

/// <summary>
/// Chart helpers for the notebooks: every chart gets a title and axis labels. The results are Plotly.NET
/// charts, which the notebook runtime displays as interactive Plotly figures.
/// </summary>
public static class Plot
{
    /// <summary>One line of <paramref name="y"/> against <paramref name="x"/>.</summary>
    public static GenericChart Line(IEnumerable<double> x, IEnumerable<double> y, string title, string xLabel, string yLabel, string? name = null) =>
        Lines(x, [new Series(name ?? yLabel, y)], title, xLabel, yLabel);

    /// <summary>Several lines sharing the x values, with a legend.</summary>
    /// <exception cref="ArgumentException">A series has a different length from <paramref name="x"/>.</exception>
    public static GenericChart Lines(IEnumerable<double> x, IEnumerable<Series> series, string title, string xLabel, string yLabel)
    {
        var xs = x.ToArray();
        var list = series.ToList();
        if (list.Count == 0) throw new ArgumentException("expected at least one series, got none.", nameof(series));
        var charts = new List<GenericChart>();
        foreach (var s in list)
        {
            var ys = s.Y.ToArray();
            if (ys.Length != xs.Length)
                throw new ArgumentException($"series '{s.Name}' has {ys.Length} values, expected {xs.Length} (one per x).", nameof(series));
            charts.Add(Chart.Line<double, double, string>(x: xs, y: ys, Name: s.Name, ShowLegend: list.Count > 1));
        }
        return Style(Chart.Combine(charts), title, xLabel, yLabel);
    }

    /// <summary>Applies a title and axis labels to any chart.</summary>
    public static GenericChart Style(GenericChart chart, string title, string xLabel, string yLabel) =>
        Plotly.NET.Chart.withTitle(title, TitleFont: null).Invoke(chart)
            .WithXAxisStyle<double, double, string>(TitleText: xLabel)
            .WithYAxisStyle<double, double, string>(TitleText: yLabel)
            .WithSize(Width: 860, Height: 450);
}
