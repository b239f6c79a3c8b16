using System.Text.Json;
using Plotly.NET;
using RnnNotebooks.Charts;

namespace RnnNotebooks.Tests.Charts;

public class ChartTests
{
    private static JsonElement Figure(GenericChart chart) => JsonDocument.Parse(GenericChart.toFigureJson(chart)).RootElement;

    private static string[] TickText(JsonElement axis) => axis.GetProperty("ticktext").EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Theory]
    [InlineData(0.029, 0.72, -2, 0)]
    [InlineData(1e-5, 7e-5, -5, -4)]
    [InlineData(0.1, 0.1, -1, 0)]
    [InlineData(3.0, 9.1e5, 0, 6)]
    public void Log_axes_span_whole_decades_and_at_least_two(double low, double high, int first, int last) =>
        Assert.Equal((first, last), LayoutExtensions.Decades(low, high));

    [Fact]
    public void A_log_axis_labels_every_decade_without_SI_prefixes()
    {
        var chart = CurveChart.Lines([new Curve("loss", [0, 1, 2], [0.72, 0.06, 0.029])], "t", "epoch", "loss", logY: true);
        var y = Figure(chart).GetProperty("layout").GetProperty("yaxis");
        Assert.Equal("log", y.GetProperty("type").GetString());
        Assert.Equal(["0.01", "0.1", "1"], TickText(y));
        Assert.Equal("none", y.GetProperty("exponentformat").GetString());

        var small = CurveChart.Lines([new Curve("loss", [0, 1], [7e-5, 1.2e-5])], "t", "epoch", "loss", logY: true);
        Assert.Equal(["1e-5", "1e-4"], TickText(Figure(small).GetProperty("layout").GetProperty("yaxis")));
    }

    [Fact]
    public void A_log_axis_needs_positive_values()
    {
        var ex = Assert.Throws<ArgumentException>(() => CurveChart.Lines([new Curve("zero", [0, 1], [0, -1])], "t", "x", "y", logY: true));
        Assert.Contains("positive", ex.Message);
    }

    [Fact]
    public void Curves_carry_their_colour_dash_width_and_marker()
    {
        var chart = CurveChart.Lines(
            [new Curve("held out", [0, 1], [1, 2]) { Color = "#d62728", Dash = LineDash.Dash, Width = 3 },
             new Curve("target", [1], [2]) { PointsOnly = true, Symbol = "star", MarkerSize = 16 }], "t", "x", "y");
        var data = Figure(chart).GetProperty("data");
        var line = data[0].GetProperty("line");
        Assert.Equal("#d62728", line.GetProperty("color").GetString());
        Assert.Equal("dash", line.GetProperty("dash").GetString());
        Assert.Equal(3, line.GetProperty("width").GetDouble());
        Assert.Equal("markers", data[1].GetProperty("mode").GetString());
        Assert.Equal("star", data[1].GetProperty("marker").GetProperty("symbol").GetString());
        Assert.Equal(16, data[1].GetProperty("marker").GetProperty("size").GetInt32());
    }

    [Fact]
    public void Bars_show_one_metric_and_refuse_a_mismatched_count()
    {
        var chart = CurveChart.Bars(["LSTM", "GRU"], [0.004, 1.05], "RMSE", "cell", "RMSE", logY: true);
        var figure = Figure(chart);
        Assert.Equal(1, figure.GetProperty("data").GetArrayLength());
        Assert.Equal(["0.001", "0.01", "0.1", "1", "10"], TickText(figure.GetProperty("layout").GetProperty("yaxis")));
        Assert.Throws<ArgumentException>(() => CurveChart.Bars(["a"], [1.0, 2.0], "t", "x", "y"));
    }

    [Fact]
    public void Symlog_threshold_lifts_small_gradients_off_the_axis()
    {
        Assert.True(SymLogChart.Transform(7.6e-3) < 0.01);
        Assert.True(SymLogChart.Transform(7.6e-3, threshold: 1e-3) > 0.9);
        Assert.Equal(-7.6e-3, SymLogChart.Inverse(SymLogChart.Transform(-7.6e-3, 1e-3), 1e-3), 15);

        var chart = SymLogChart.Create([0, 1, 2], [new Series("g", [9.1e5, 1.0, 7.6e-3])], "t", "k", "g", linearThreshold: 1e-3);
        var labels = TickText(Figure(chart).GetProperty("layout").GetProperty("yaxis"));
        Assert.Contains("1e-2", labels);
        Assert.Contains("−1e6", labels);
        Assert.Contains("1e0", labels);
    }

    [Fact]
    public void Marked_points_are_drawn_whole_at_the_edge_with_an_outline()
    {
        double[] axis = [0, 1, 2];
        double[][] z = [[0, 1, 2], [1, 2, 3], [2, 3, 4]];
        var chart = SurfaceChart.Create(axis, axis, z, "t", "x", "y", "1 + z",
            [new MarkedPoint("edge", 2, 1, "#ffffff") { Symbol = "star" }],
            [new PathTrace("path", [0, 1], [0, 1], "#1f77b4") { Dash = LineDash.Dot, Width = 4 }]);
        var data = Figure(chart).GetProperty("data");
        var path = data[1];
        Assert.Equal("dot", path.GetProperty("line").GetProperty("dash").GetString());
        var point = data[2];
        Assert.False(point.GetProperty("cliponaxis").GetBoolean());
        Assert.Equal("star", point.GetProperty("marker").GetProperty("symbol").GetString());
        Assert.Equal("#222222", point.GetProperty("marker").GetProperty("line").GetProperty("color").GetString());
    }
}
