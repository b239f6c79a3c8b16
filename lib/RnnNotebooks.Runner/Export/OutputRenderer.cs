using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RnnNotebooks.Runtime.Formatting;
using RnnNotebooks.Runtime.Notebooks;

namespace RnnNotebooks.Runner.Export;

/// <summary>Renders the outputs of code cells; counts the charts so the page knows whether it needs plotly.js.</summary>
internal sealed partial class OutputRenderer(MarkdownRenderer markdown)
{
    /// <summary>How many Plotly charts were rendered so far.</summary>
    public int ChartCount { get; private set; }

    /// <summary>The HTML of one nbformat output, or an empty string for an output with nothing to show.</summary>
    public string Render(JsonObject output)
    {
        switch ((string?)output["output_type"])
        {
            case "stream":
                var cls = (string?)output["name"] == "stderr" ? "stderr" : "stdout";
                return $"<pre class=\"out {cls}\">{WebUtility.HtmlEncode(NotebookText.Join(output["text"]))}</pre>\n";
            case "error":
                var trace = output["traceback"] is JsonArray t ? string.Join("\n", t.Select(l => (string?)l)) : (string?)output["evalue"];
                return $"<pre class=\"out error\">{WebUtility.HtmlEncode(AnsiEscape().Replace(trace ?? "", ""))}</pre>\n";
            case "display_data" or "execute_result" when output["data"] is JsonObject data:
                return RenderBundle(data);
            default:
                return "";
        }
    }

    private string RenderBundle(JsonObject data)
    {
        if (data[MimeFormatter.PlotlyMimeType] is JsonObject figure) return RenderChart(figure);
        if (data["text/html"] is { } html) return $"<div class=\"out html\">{NotebookText.Join(html)}</div>\n";
        if (data["image/svg+xml"] is { } svg) return $"<div class=\"out image\">{NotebookText.Join(svg)}</div>\n";
        if (data["image/png"] is { } png) return $"<div class=\"out image\"><img alt=\"\" src=\"data:image/png;base64,{NotebookText.Join(png).Replace("\n", "")}\"></div>\n";
        if (data["text/markdown"] is { } md) return $"<div class=\"out md\">{markdown.Render(NotebookText.Join(md))}</div>\n";
        if (data["text/plain"] is { } plain) return $"<pre class=\"out\">{WebUtility.HtmlEncode(NotebookText.Join(plain))}</pre>\n";
        return "";
    }

    private string RenderChart(JsonObject figure)
    {
        var id = $"chart-{++ChartCount}";
        // The page is responsive: the chart takes the page's width and keeps its own height.
        var page = (JsonObject)figure.DeepClone();
        var layout = page["layout"] as JsonObject ?? [];
        var height = layout["height"] is JsonValue h && h.TryGetValue(out double hv) ? hv : 450;
        layout.Remove("width");
        page["layout"] = layout;
        var json = MimeFormatter.JsonForScript(page.ToJsonString());
        return $"<div class=\"out chart\"><div id=\"{id}\" style=\"height:{height.ToString(CultureInfo.InvariantCulture)}px\"></div></div>" +
               $"<script>(function(){{var f={json};Plotly.newPlot('{id}',f.data,f.layout," +
               "Object.assign({responsive:true,displaylogo:false,displayModeBar:'hover'},f.config||{}));})();</script>\n";
    }

    [GeneratedRegex("\u001b\\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}
