using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;
using DynObj = DynamicObj.DynamicObj;

namespace RnnNotebooks.Charts;

/// <summary>
/// A cost surface as filled contours on a log colour scale (Plotly has none: the colour is
/// log₁₀(1 + z) and the colour bar is labelled with the values 1 + z themselves), with points and
/// paths on top.
/// </summary>
public static class SurfaceChart
{
    /// <summary>Filled contours of log₁₀(1 + <paramref name="z"/>); <c>z[i][j]</c> belongs to (x[j], y[i]).</summary>
    /// <param name="x">Horizontal grid.</param>
    /// <param name="y">Vertical grid.</param>
    /// <param name="z">Values, one row per y; must be ≥ 0.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xLabel">Horizontal axis label.</param>
    /// <param name="yLabel">Vertical axis label.</param>
    /// <param name="colorLabel">Colour bar title.</param>
    /// <param name="points">Points to mark.</param>
    /// <param name="paths">Paths to draw.</param>
    /// <exception cref="ArgumentException">The grid and the values disagree in size, or a value is negative.</exception>
    public static GenericChart Create(double[] x, double[] y, double[][] z, string title, string xLabel, string yLabel, string colorLabel,
        IEnumerable<MarkedPoint>? points = null, IEnumerable<PathTrace>? paths = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(z);
        if (z.Length != y.Length || z.Any(row => row.Length != x.Length))
            throw new ArgumentException($"Expected z with {y.Length} rows of {x.Length} values (one row per y); got {z.Length} rows.", nameof(z));
        var logZ = z.Select(row => row.Select(v => v >= 0 ? Math.Log10(1 + v) : throw new ArgumentException($"Expected values ≥ 0 for a log colour scale; got {v}.", nameof(z))).ToArray()).ToArray();
        double top = Math.Ceiling(logZ.Max(r => r.Max()));
        var contour = Chart.Contour<double, double, double, string>(zData: logZ, X: x, Y: y, Name: colorLabel, ShowLegend: false,
            ColorScale: StyleParam.Colorscale.Viridis);
        var trace = contour.GetTraces().Single();
        var contours = new DynObj();
        contours.SetProperty("start", 0.0);
        contours.SetProperty("end", top);
        contours.SetProperty("size", Math.Max(top / 30, 0.05));
        contours.SetProperty("showlines", false);
        trace.SetProperty("contours", contours);
        var bar = new DynObj();
        bar.SetProperty("title", LayoutExtensions.Text(colorLabel));
        var decades = Enumerable.Range(0, (int)top + 1).Select(d => (double)d).ToArray();
        bar.SetProperty("tickvals", decades);
        bar.SetProperty("ticktext", decades.Select(d => "1e" + d.ToString(CultureInfo.InvariantCulture)).ToArray());
        trace.SetProperty("colorbar", bar);
        trace.SetProperty("hovertemplate", xLabel + " %{x:.3f}<br>" + yLabel + " %{y:.3f}<br>log10(" + colorLabel + ") %{z:.2f}<extra></extra>");
        var charts = new List<GenericChart> { contour };
        foreach (var p in paths ?? [])
        {
            var line = Chart.Scatter<double, double, string>(x: p.X, y: p.Y, mode: p.MarkerSize > 0 ? StyleParam.Mode.Lines_Markers : StyleParam.Mode.Lines,
                Name: p.Name, ShowLegend: true);
            var t = line.GetTraces().Single();
            t.SetProperty("line", CurveChart.Line(p.Color, p.Width, p.Dash));
            t.SetProperty("marker", CurveChart.Marker(p.Color, p.MarkerSize, null));
            charts.Add(line);
        }
        foreach (var p in points ?? [])
        {
            var point = Chart.Scatter<double, double, string>(x: [p.X], y: [p.Y], mode: StyleParam.Mode.Markers, Name: p.Name, ShowLegend: true);
            var t = point.GetTraces().Single();
            var marker = CurveChart.Marker(p.Color, p.Size, p.Symbol);
            var outline = new DynObj();
            outline.SetProperty("color", "#222222");
            outline.SetProperty("width", 1.5);
            marker.SetProperty("line", outline);
            t.SetProperty("marker", marker);
            t.SetProperty("cliponaxis", false);   // a point on the edge of the view is drawn whole
            charts.Add(point);
        }
        return Plot.Style(Chart.Combine(charts), title, xLabel, yLabel)
            .WithRange('x', x[0], x[^1])
            .WithRange('y', y[0], y[^1])
            .WithPixelSize(760, 680)
            .WithLegendBelow();
    }
}
