using System.Text.Json.Nodes;

namespace RnnNotebooks.Interactive.Tests.Support;

/// <summary>Checks on an executed notebook written by a Jupyter client.</summary>
internal static class NotebookOutputs
{
    public const string PlotlyMime = "application/vnd.plotly.v1+json";

    /// <summary>
    /// Fails on any error output; checks that every chart has a Plotly figure (an object, or the same as JSON text)
    /// and an HTML fallback that draws it offline. Returns the number of charts.
    /// </summary>
    public static int AssertClean(string executedNotebook)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(executedNotebook))!;
        var name = Path.GetFileName(executedNotebook);
        var charts = 0;
        var code = 0;
        foreach (var cell in notebook["cells"]!.AsArray())
        {
            if ((string?)cell!["cell_type"] != "code") continue;
            code++;
            Assert.True(cell["execution_count"] is not null, $"{name}: code cell {code} did not run");
            foreach (var output in cell["outputs"]!.AsArray())
            {
                if ((string?)output!["output_type"] == "error")
                    Assert.Fail($"{name}, code cell {code}: {output["ename"]}: {output["evalue"]}");
                if (output["data"] is not JsonObject data || !data.ContainsKey(PlotlyMime)) continue;
                charts++;
                var figure = data[PlotlyMime] is JsonValue text ? JsonNode.Parse((string)text!) : data[PlotlyMime];
                Assert.True(figure?["data"] is JsonArray, $"{name}, code cell {code}: the Plotly output has no data array");
                var html = Join(data["text/html"]);
                Assert.True(html.Contains("newPlot", StringComparison.Ordinal), $"{name}, code cell {code}: a chart without its HTML fallback");
                Assert.DoesNotContain("cdn.plot.ly/plotly-", html);
            }
        }
        return charts;
    }

    private static string Join(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue value => (string?)value ?? "",
        _ => "",
    };
}
