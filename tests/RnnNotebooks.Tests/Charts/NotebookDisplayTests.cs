using System.Text.Json.Nodes;
using RnnNotebooks.Charts;
using RnnNotebooks.Shared;

namespace RnnNotebooks.Tests.Charts;

/// <summary>How a chart becomes a Plotly figure and an offline HTML fallback.</summary>
[Collection(nameof(NotebookDisplayTests))] // Register() resets process-wide state
public sealed class NotebookDisplayTests
{
    private static Plotly.NET.GenericChart Chart(string title) =>
        CurveChart.Lines([new Curve("x²", [1.0, 2, 3], [1.0, 4, 9])], title, "x", "x²");

    [Fact]
    public void The_figure_is_plotly_json_with_data_and_layout()
    {
        var figure = JsonNode.Parse(NotebookDisplay.FigureJson(Chart("Squares")))!;
        Assert.Equal([1.0, 4, 9], figure["data"]![0]!["y"]!.AsArray().Select(v => (double)v!));
        Assert.Equal("Squares", (string?)figure["layout"]!["title"]!["text"]);
        Assert.Equal("Plotly chart: Squares", NotebookDisplay.PlainText(Chart("Squares")));
    }

    [Fact]
    public void Only_the_first_fallback_of_a_session_carries_plotly_js_and_none_uses_the_network()
    {
        NotebookDisplay.Register(); // a new session
        var first = NotebookDisplay.FallbackHtml(Chart("one"));
        var second = NotebookDisplay.FallbackHtml(Chart("two"));
        Assert.Contains("plotly.js v", first);
        Assert.True(first.Length > 3_000_000, $"the first fallback is {first.Length} characters; plotly.js is missing");
        Assert.DoesNotContain("plotly.js v", second);
        Assert.True(second.Length < 20_000);
        foreach (var html in new[] { first, second })
        {
            Assert.Contains(".newPlot(", html);
            Assert.DoesNotContain("<script src", html);
            Assert.DoesNotContain("cdn.plot.ly/plotly-", html);
        }
        NotebookDisplay.Register();
        Assert.Contains("plotly.js v", NotebookDisplay.FallbackHtml(Chart("three")));
    }

    [Fact]
    public void Text_inside_a_script_element_cannot_close_it()
    {
        var escaped = PlotlyFallback.ForScript("{\"title\":\"</script><script>alert(1)</SCRIPT>\",\"note\":\"<!-- x\"}");
        Assert.DoesNotContain("</script", escaped, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<!--", escaped);
        var html = PlotlyFallback.Html(JsonNode.Parse("{\"data\":[],\"layout\":{\"title\":{\"text\":\"a </script> b\"},\"height\":300}}")!.AsObject(), null);
        Assert.Equal(2, html.Split("</script>").Length); // only the element's own end tag
        Assert.Contains("height:300px", html);
    }

    [Fact]
    public void Without_dotnet_interactive_there_is_no_formatter_to_register_with()
    {
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "Microsoft.DotNet.Interactive.Formatting");
        Assert.False(NotebookDisplay.Register());
    }
}
