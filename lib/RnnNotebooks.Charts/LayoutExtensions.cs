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

    /// <summary>Draws the x or y axis on a log scale.</summary>
    public static GenericChart WithLogAxis(this GenericChart chart, char axis)
    {
        Axis(chart, axis).SetProperty("type", "log");
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
