using Plotly.NET;
using DynObj = DynamicObj.DynamicObj;

namespace RnnNotebooks.Charts;

/// <summary>
/// Small edits to a chart's Plotly layout and traces that Plotly.NET's C# surface does not expose
/// (tick labels, ranges, log axes). Each returns the same chart, edited in place.
/// </summary>
public static class LayoutExtensions
{
    /// <summary>Sets explicit tick positions and their labels on the x or y axis.</summary>
    public static GenericChart WithTicks(this GenericChart chart, char axis, IEnumerable<double> values, IEnumerable<string> labels)
    {
        var a = Axis(chart, axis);
        a.SetProperty("tickvals", values.ToArray());
        a.SetProperty("ticktext", labels.ToArray());
        return chart;
    }

    /// <summary>Fixes the range of the x or y axis.</summary>
    public static GenericChart WithRange(this GenericChart chart, char axis, double low, double high)
    {
        Axis(chart, axis).SetProperty("range", new[] { low, high });
        return chart;
    }

    /// <summary>
    /// Draws the x or y axis on a log scale spanning whole decades around [<paramref name="low"/>,
    /// <paramref name="high"/>], with a labelled tick at every power of ten (<c>0.01, 0.1, 1</c>, or
    /// <c>1e-6 … 1e-2</c> when the decades go beyond 1e-3 … 1e3) and no SI prefixes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not positive and finite, or <paramref name="high"/> &lt; <paramref name="low"/>.</exception>
    public static GenericChart WithLogAxis(this GenericChart chart, char axis, double low, double high)
    {
        var (first, last) = Decades(low, high);
        bool scientific = NumberFormat.DecadesNeedExponents(first, last);
        var a = Axis(chart, axis);
        a.SetProperty("type", "log");
        a.SetProperty("range", new double[] { first, last });
        a.SetProperty("tickvals", Enumerable.Range(first, last - first + 1).Select(k => Math.Pow(10, k)).ToArray());
        a.SetProperty("ticktext", Enumerable.Range(first, last - first + 1).Select(k => NumberFormat.Decade(k, scientific)).ToArray());
        return chart;
    }

    /// <summary>
    /// The whole decades [10^first, 10^last] that hold [<paramref name="low"/>, <paramref name="high"/>],
    /// at least two of them, so a log axis always shows two labelled powers of ten.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not positive and finite, or <paramref name="high"/> &lt; <paramref name="low"/>.</exception>
    public static (int First, int Last) Decades(double low, double high)
    {
        if (!(low > 0) || !double.IsFinite(low) || !double.IsFinite(high) || high < low)
            throw new ArgumentOutOfRangeException(nameof(low), $"Expected 0 < low ≤ high, both finite, for a log axis; got [{low}, {high}].");
        int first = (int)Math.Floor(Math.Log10(low) + 1e-9);
        int last = (int)Math.Ceiling(Math.Log10(high) - 1e-9);
        if (last <= first) last = first + 1;
        return (first, last);
    }

    /// <summary>Writes the numbers of both axes in full, without SI prefixes or exponents (<c>0.0001</c>, never <c>100μ</c>).</summary>
    public static GenericChart WithPlainNumbers(this GenericChart chart)
    {
        foreach (char axis in "xy")
        {
            var a = Axis(chart, axis);
            a.SetProperty("exponentformat", "none");
        }
        return chart;
    }

    /// <summary>Runs the x or y axis from high to low values.</summary>
    public static GenericChart WithReversedAxis(this GenericChart chart, char axis)
    {
        Axis(chart, axis).SetProperty("autorange", "reversed");
        return chart;
    }

    /// <summary>Sets the figure's size in pixels.</summary>
    public static GenericChart WithPixelSize(this GenericChart chart, int width, int height)
    {
        var layout = GenericChart.getLayout(chart);
        layout.SetProperty("width", width);
        layout.SetProperty("height", height);
        return chart;
    }

    /// <summary>Sets the legend's title.</summary>
    public static GenericChart WithLegendTitle(this GenericChart chart, string title)
    {
        var layout = GenericChart.getLayout(chart);
        var legend = layout.TryGetPropertyValue("legend") is { } v && v.Value is DynObj existing ? existing : new DynObj();
        legend.SetProperty("title", Text(title));
        layout.SetProperty("legend", legend);
        return chart;
    }

    /// <summary>Lays the legend out in a row under the plot, clear of any colour bar.</summary>
    public static GenericChart WithLegendBelow(this GenericChart chart)
    {
        var layout = GenericChart.getLayout(chart);
        var legend = layout.TryGetPropertyValue("legend") is { } v && v.Value is DynObj existing ? existing : new DynObj();
        legend.SetProperty("orientation", "h");
        legend.SetProperty("x", 0.0);
        legend.SetProperty("xanchor", "left");
        legend.SetProperty("y", -0.16);
        legend.SetProperty("yanchor", "top");
        layout.SetProperty("legend", legend);
        return chart;
    }

    /// <summary>A Plotly title object <c>{ text: … }</c>.</summary>
    internal static DynObj Text(string text)
    {
        var t = new DynObj();
        t.SetProperty("text", text);
        return t;
    }

    private static DynObj Axis(GenericChart chart, char axis)
    {
        if (axis is not ('x' or 'y')) throw new ArgumentOutOfRangeException(nameof(axis), axis, "Expected 'x' or 'y'.");
        var layout = GenericChart.getLayout(chart);
        string key = axis + "axis";
        if (layout.TryGetPropertyValue(key) is { } v && v.Value is DynObj existing) return existing;
        var created = new DynObj();
        layout.SetProperty(key, created);
        return created;
    }
}
