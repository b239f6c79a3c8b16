using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Markdig;
using RnnNotebooks.Runtime.Formatting;
using RnnNotebooks.Runtime.Notebooks;

namespace RnnNotebooks.Runtime.Export;

/// <summary>
/// Renders an executed notebook as one standalone HTML page: markdown through Markdig (math left as TeX for
/// MathJax), highlighted code, every output, and Plotly charts drawn by plotly.js inlined once, so the page
/// works offline.
/// </summary>
public static class HtmlExporter
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
    private static readonly Lazy<string> PlotlyScript = new(LoadPlotlyJs);

    /// <summary>The page for <paramref name="notebook"/>, titled <paramref name="title"/>.</summary>
    public static string Render(NotebookDocument notebook, string title)
    {
        var body = new StringBuilder();
        var chartCount = 0;
        foreach (var cell in notebook.Cells)
        {
            switch (cell.CellType)
            {
                case "markdown":
                    body.Append("<section class=\"md\">").Append(Markdown.ToHtml(cell.Source, Pipeline)).Append("</section>\n");
                    break;
                case "code":
                    var count = cell.Json["execution_count"] is JsonValue v && v.TryGetValue(out int n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : " ";
                    body.Append("<section class=\"code\"><div class=\"prompt\">[").Append(count).Append("]</div>")
                        .Append("<pre class=\"src\"><code>").Append(CSharpHighlighter.ToHtml(cell.Source)).Append("</code></pre>");
                    foreach (var output in cell.Outputs.OfType<JsonObject>())
                        body.Append(RenderOutput(output, ref chartCount));
                    body.Append("</section>\n");
                    break;
                default:
                    body.Append("<pre class=\"raw\">").Append(WebUtility.HtmlEncode(cell.Source)).Append("</pre>\n");
                    break;
            }
        }

        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n<style>").Append(Css).Append("</style>\n");
        if (chartCount > 0) page.Append("<script>").Append(PlotlyScript.Value.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("</script>\n");
        page.Append("</head>\n<body>\n<main>\n").Append(body).Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    private static string RenderOutput(JsonObject output, ref int chartCount)
    {
        switch ((string?)output["output_type"])
        {
            case "stream":
                var cls = (string?)output["name"] == "stderr" ? "stderr" : "stdout";
                return $"<pre class=\"out {cls}\">{WebUtility.HtmlEncode(NotebookText.Join(output["text"]))}</pre>";
            case "error":
                var trace = output["traceback"] is JsonArray t ? string.Join("\n", t.Select(l => (string?)l)) : (string?)output["evalue"];
                return $"<pre class=\"out error\">{WebUtility.HtmlEncode(StripAnsi(trace ?? ""))}</pre>";
            case "display_data" or "execute_result" when output["data"] is JsonObject data:
                if (data[MimeFormatter.PlotlyMimeType] is JsonObject figure)
                {
                    var id = $"chart-{++chartCount}";
                    // The page is responsive: the chart takes the page's width and keeps its own height.
                    var page = (JsonObject)figure.DeepClone();
                    var layout = page["layout"] as JsonObject ?? [];
                    var height = layout["height"] is JsonValue h && h.TryGetValue(out double hv) ? hv : 450;
                    layout.Remove("width");
                    page["layout"] = layout;
                    var json = MimeFormatter.JsonForScript(page.ToJsonString());
                    return $"<div class=\"out chart\" id=\"{id}\" style=\"height:{height.ToString(System.Globalization.CultureInfo.InvariantCulture)}px\"></div><script>(function(){{var f={json};" +
                           $"Plotly.newPlot('{id}',f.data,f.layout,Object.assign({{responsive:true,displaylogo:false}},f.config||{{}}));}})();</script>";
                }
                if (data["text/html"] is { } html) return $"<div class=\"out html\">{NotebookText.Join(html)}</div>";
                if (data["image/svg+xml"] is { } svg) return $"<div class=\"out\">{NotebookText.Join(svg)}</div>";
                if (data["image/png"] is { } png) return $"<div class=\"out\"><img src=\"data:image/png;base64,{NotebookText.Join(png).Replace("\n", "")}\"></div>";
                if (data["text/markdown"] is { } md) return $"<div class=\"out md\">{Markdown.ToHtml(NotebookText.Join(md), Pipeline)}</div>";
                if (data["text/plain"] is { } plain) return $"<pre class=\"out\">{WebUtility.HtmlEncode(NotebookText.Join(plain))}</pre>";
                return "";
            default:
                return "";
        }
    }

    private static string StripAnsi(string text) => System.Text.RegularExpressions.Regex.Replace(text, "\u001b\\[[0-9;]*m", "");

    private static string LoadPlotlyJs()
    {
        var assembly = typeof(Plotly.NET.GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal))
                   ?? throw new InvalidOperationException("plotly.js is not embedded in Plotly.NET; cannot draw charts offline.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private const string Css = """
        body{margin:0;background:#f6f7f9;color:#1d232b;font:16px/1.6 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
        main{max-width:980px;margin:0 auto;padding:32px 24px 64px}
        section{margin:0 0 18px}
        .md h1,.md h2,.md h3{line-height:1.25;margin:1.2em 0 .5em}
        .md code{background:#eceef2;padding:1px 4px;border-radius:3px;font-size:90%}
        .md table{border-collapse:collapse}.md td,.md th{border:1px solid #d0d4db;padding:4px 10px}
        .code{background:#fff;border:1px solid #dde1e7;border-radius:6px;overflow:hidden}
        .prompt{float:left;color:#8a94a3;font:12px/1 monospace;padding:10px 6px 0 8px}
        pre{margin:0;padding:10px 14px;overflow-x:auto;font:13.5px/1.5 "JetBrains Mono",Menlo,Consolas,monospace}
        pre.src{background:#fafbfc;border-bottom:1px solid #eef0f3;margin-left:40px}
        .out{margin:0;padding:8px 14px;border-top:1px solid #f0f1f4}
        .stderr{background:#fff6f0}.error{background:#fdecec;color:#9b1c1c}
        .chart{padding:4px}
        .html table{border-collapse:collapse;font-size:14px}.html th,.html td{border:1px solid #d9dde3;padding:4px 10px;text-align:right}
        .html th{background:#f2f4f7}
        .k{color:#0033b3}.t{color:#00627a}.s{color:#067d17}.c{color:#8c8c8c;font-style:italic}.n{color:#1750eb}.d{color:#9e880d}
        """;
}
