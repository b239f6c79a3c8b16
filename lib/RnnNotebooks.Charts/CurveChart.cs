using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;
using DynObj = DynamicObj.DynamicObj;

namespace RnnNotebooks.Charts;

/// <summary>Charts of curves and bars, titled and labelled, for the notebooks.</summary>
public static class CurveChart
{
    /// <summary>
    /// Every curve on one chart, with a legend. <paramref name="logY"/> puts y on a log scale labelled at every
    /// decade of the data's positive values.
    /// </summary>
    /// <exception cref="ArgumentException">No curves, a curve whose x and y lengths differ, or a log axis without positive values.</exception>
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
            var chart = Chart.Scatter<double, double, string>(x: c.X, y: c.Y, mode: mode, Name: c.Name, ShowLegend: true);
            var trace = chart.GetTraces().Single();
            trace.SetProperty("line", Line(c.Color, c.Width, c.Dash));
            trace.SetProperty("marker", Marker(c.Color, c.MarkerSize, c.Symbol));
            if (c.PointsOnly) trace.SetProperty("cliponaxis", false);   // a point on the edge of the view is drawn whole
            traces.Add(chart);
        }
        var result = Plot.Style(Chart.Combine(traces), title, xLabel, yLabel);
        return logY ? WithLogY(result, list.SelectMany(c => c.Y)) : result;
    }

    /// <summary>One bar per category for a single metric; <paramref name="logY"/> labels every decade.</summary>
    /// <exception cref="ArgumentException">The numbers of categories and values differ, or a log axis without positive values.</exception>
    public static GenericChart Bars(IReadOnlyList<string> categories, IEnumerable<double> values, string title, string xLabel, string yLabel,
        bool logY = false, string? color = null) =>
        GroupedBars(categories, [new Series(yLabel, values)], title, xLabel, yLabel, logY, color is null ? null : [color], showLegend: false);

    /// <summary>One bar per category for each group, side by side, with a legend.</summary>
    /// <exception cref="ArgumentException">No groups, a group with a different number of values than categories, or a log axis without positive values.</exception>
    public static GenericChart GroupedBars(IReadOnlyList<string> categories, IEnumerable<Series> groups, string title, string xLabel, string yLabel,
        bool logY = false, IReadOnlyList<string>? colors = null, bool showLegend = true)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(groups);
        var list = groups.ToList();
        if (list.Count == 0) throw new ArgumentException("Expected at least one group; got none.", nameof(groups));
        var traces = new List<GenericChart>();
        var all = new List<double>();
        for (int i = 0; i < list.Count; i++)
        {
            var values = list[i].Y.ToArray();
            if (values.Length != categories.Count)
                throw new ArgumentException($"Group '{list[i].Name}' has {values.Length} values; expected one per category ({categories.Count}).", nameof(groups));
            all.AddRange(values);
            var bars = Chart.Column<double, string, string>(values, Keys: new Optional<IEnumerable<string>>(categories, true), Name: list[i].Name, ShowLegend: showLegend);
            if (colors is not null && i < colors.Count) bars.GetTraces().Single().SetProperty("marker", Marker(colors[i], null, null));
            traces.Add(bars);
        }
        var result = Plot.Style(Chart.Combine(traces), title, xLabel, yLabel);
        return logY ? WithLogY(result, all) : result;
    }

    private static GenericChart WithLogY(GenericChart chart, IEnumerable<double> values)
    {
        var positive = values.Where(v => v > 0 && double.IsFinite(v)).ToList();
        if (positive.Count == 0) throw new ArgumentException("Expected positive values for a log axis; got none.", nameof(values));
        return chart.WithLogAxis('y', positive.Min(), positive.Max());
    }

    internal static DynObj Line(string? color, double? width, LineDash dash)
    {
        var line = new DynObj();
        if (color is not null) line.SetProperty("color", color);
        if (width is double w) line.SetProperty("width", w);
        line.SetProperty("dash", dash switch
        {
            LineDash.Dash => "dash",
            LineDash.Dot => "dot",
            LineDash.DashDot => "dashdot",
            LineDash.LongDash => "longdash",
            _ => "solid",
        });
        return line;
    }

    internal static DynObj Marker(string? color, int? size, string? symbol)
    {
        var marker = new DynObj();
        if (color is not null) marker.SetProperty("color", color);
        if (size is int s) marker.SetProperty("size", s);
        if (symbol is not null) marker.SetProperty("symbol", symbol);
        return marker;
    }
}
