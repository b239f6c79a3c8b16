using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace RnnNotebooks.Charts;

/// <summary>A line with its own x values, so curves of different lengths (ours and a source's) share one chart.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="X">x values.</param>
/// <param name="Y">y values, one per x.</param>
public sealed record Curve(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>Draw the line dashed (e.g. for a source's figures).</summary>
    public bool Dashed { get; init; }

    /// <summary>Mark every point.</summary>
    public bool Markers { get; init; }

    /// <summary>Points only, no line.</summary>
    public bool PointsOnly { get; init; }

    /// <summary>Colour as <c>#rrggbb</c>, or null for Plotly's palette.</summary>
    public string? Color { get; init; }
}

/// <summary>Charts of curves and grouped bars, titled and labelled, for the experiment notebooks.</summary>
public static class CurveChart
{
    /// <summary>Every curve on one chart, with a legend; <paramref name="logY"/> puts y on a log scale.</summary>
    /// <exception cref="ArgumentException">No curves, or a curve whose x and y lengths differ.</exception>
    public static GenericChart Lines(IEnumerable<Curve> curves, string title, string xLabel, string yLabel, bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var list = curves.ToList();
        if (list.Count == 0) throw new ArgumentException("Expected at least one curve; got none.", nameof(curves));
        var traces = new List<GenericChart>();
        foreach (var c in list)
        {
            if (c.X.Count != c.Y.Count)
                throw new ArgumentException($"Curve '{c.Name}' has {c.X.Count} x values but {c.Y.Count} y values.", nameof(curves));
            var mode = c.PointsOnly ? StyleParam.Mode.Markers : c.Markers ? StyleParam.Mode.Lines_Markers : StyleParam.Mode.Lines;
            traces.Add(Chart.Scatter<double, double, string>(
                x: c.X, y: c.Y, mode: mode, Name: c.Name, ShowLegend: true,
                LineDash: c.Dashed ? StyleParam.DrawingStyle.Dash : StyleParam.DrawingStyle.Solid,
                LineColor: c.Color is null ? default(Optional<Color>) : new Optional<Color>(Color.fromHex(c.Color), true),
                MarkerColor: c.Color is null ? default(Optional<Color>) : new Optional<Color>(Color.fromHex(c.Color), true)));
        }
        return Style(Chart.Combine(traces), title, xLabel, yLabel, logY);
    }

    /// <summary>One bar per category for each group, side by side, with a legend.</summary>
    /// <exception cref="ArgumentException">No groups, or a group with a different number of values than categories.</exception>
    public static GenericChart GroupedBars(IReadOnlyList<string> categories, IEnumerable<Series> groups, string title, string xLabel, string yLabel, bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(groups);
        var list = groups.ToList();
        if (list.Count == 0) throw new ArgumentException("Expected at least one group; got none.", nameof(groups));
        var traces = new List<GenericChart>();
        foreach (var g in list)
        {
            var values = g.Y.ToArray();
            if (values.Length != categories.Count)
                throw new ArgumentException($"Group '{g.Name}' has {values.Length} values; expected one per category ({categories.Count}).", nameof(groups));
            traces.Add(Chart.Column<double, string, string>(values, Keys: new Optional<IEnumerable<string>>(categories, true), Name: g.Name, ShowLegend: true));
        }
        return Style(Chart.Combine(traces), title, xLabel, yLabel, logY);
    }

    private static GenericChart Style(GenericChart chart, string title, string xLabel, string yLabel, bool logY) =>
        Plotly.NET.Chart.withTitle(title, TitleFont: null).Invoke(chart)
            .WithXAxisStyle<double, double, string>(TitleText: xLabel)
            .WithYAxisStyle<double, double, string>(TitleText: yLabel, AxisType: logY ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear)
            .WithSize(Width: 860, Height: 450);
}
