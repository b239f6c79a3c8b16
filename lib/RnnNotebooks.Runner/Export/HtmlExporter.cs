using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RnnNotebooks.Runtime.Notebooks;
using RnnNotebooks.Shared;

namespace RnnNotebooks.Runner.Export;

/// <summary>
/// Renders an executed notebook as one standalone HTML page: a header with the notebook's name and run date,
/// a table of contents, markdown through Markdig with math drawn by KaTeX, highlighted code, every output, and
/// Plotly charts drawn by plotly.js. Scripts, styles and fonts are inlined once, so the page works offline.
/// </summary>
internal static partial class HtmlExporter
{
    /// <summary>The page for <paramref name="notebook"/>, named <paramref name="title"/> (usually the file's stem).</summary>
    public static string Render(NotebookDocument notebook, string title) => Render(notebook, title, new HtmlExportOptions());

    /// <summary>The page for <paramref name="notebook"/>, named <paramref name="title"/>, written as <paramref name="options"/> say.</summary>
    public static string Render(NotebookDocument notebook, string title, HtmlExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentNullException.ThrowIfNull(options);
        return Render(notebook, title, options, options.RenderMath ? KatexAssets.Current : null);
    }

    internal static string Render(NotebookDocument notebook, string title, HtmlExportOptions options, KatexAssets.Bundle? katex)
    {
        var markdown = new MarkdownRenderer();
        var outputs = new OutputRenderer(markdown);
        var body = new StringBuilder();
        var codeCells = 0;
        var contentsAt = 0; // the contents follow the cell holding the page's title, if there is one
        foreach (var cell in notebook.Cells)
        {
            switch (cell.CellType)
            {
                case "markdown":
                    var hadTitle = markdown.Headings.Any(h => h.Level == 1);
                    body.Append("<section class=\"md\">").Append(markdown.Render(cell.Source)).Append("</section>\n");
                    if (!hadTitle && markdown.Headings.Any(h => h.Level == 1)) contentsAt = body.Length;
                    break;
                case "code":
                    codeCells++;
                    var count = cell.Json["execution_count"] is JsonValue v && v.TryGetValue(out int n) ? n.ToString(CultureInfo.InvariantCulture) : " ";
                    body.Append("<section class=\"code\"><div class=\"input\"><div class=\"prompt\">[").Append(count).Append("]</div>")
                        .Append("<pre class=\"src\"><code>").Append(CSharpHighlighter.ToHtml(cell.Source)).Append("</code></pre></div>\n");
                    var rendered = cell.Outputs.OfType<JsonObject>().Select(outputs.Render).Where(html => html.Length > 0).ToList();
                    if (rendered.Count > 0) body.Append("<div class=\"outputs\">").AppendJoin("", rendered).Append("</div>");
                    body.Append("</section>\n");
                    break;
                default:
                    body.Append("<pre class=\"raw\">").Append(WebUtility.HtmlEncode(cell.Source)).Append("</pre>\n");
                    break;
            }
        }

        var heading = markdown.Headings.FirstOrDefault(h => h.Level == 1);
        var pageTitle = heading is null ? title : heading.Text;
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(pageTitle)).Append("</title>\n")
            .Append("<style>").Append(PageStyle.Css).Append("</style>\n");
        if (katex is not null)
        {
            page.Append("<style>").Append(Inline(katex.Css, "style")).Append("</style>\n")
                .Append("<script>").Append(Inline(katex.Script, "script")).Append("</script>\n");
        }
        if (outputs.ChartCount > 0) page.Append("<script>").Append(Inline(PlotlyScript.Source, "script")).Append("</script>\n");
        page.Append("</head>\n<body>\n");
        AppendHeader(page, title, options, codeCells);
        page.Append("<main>\n");
        if (options.TableOfContents) body.Insert(contentsAt, Contents(markdown.Headings));
        page.Append(body).Append("</main>\n");
        if (katex is not null) page.Append("<script>").Append(RenderMathScript).Append("</script>\n");
        page.Append("</body>\n</html>\n");
        return page.ToString();
    }

    private static void AppendHeader(StringBuilder page, string title, HtmlExportOptions options, int codeCells)
    {
        var executed = (options.ExecutedAt ?? DateTimeOffset.UtcNow).ToUniversalTime();
        page.Append("<header class=\"page\"><div class=\"bar\"><span class=\"name\">").Append(WebUtility.HtmlEncode(title)).Append("</span>")
            .Append("<span class=\"meta\">").Append(codeCells.ToString(CultureInfo.InvariantCulture)).Append(codeCells == 1 ? " code cell" : " code cells")
            .Append(" · executed <time datetime=\"").Append(executed.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append("\">")
            .Append(executed.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append("</time></span></div></header>\n");
    }

    private static string Contents(IReadOnlyList<PageHeading> headings)
    {
        var page = new StringBuilder();
        // The page's own title (its first level-1 heading) is not a section.
        var top = headings.Where(h => h.Level > 1).Select(h => h.Level).DefaultIfEmpty(2).Min();
        var sections = headings.Where(h => h.Level == top || h.Level == top + 1).ToList();
        if (sections.Count(h => h.Level == top) < 2) return "";
        page.Append("<nav class=\"toc\" aria-label=\"Contents\"><div class=\"toc-title\">Contents</div><ol>");
        foreach (var h in sections)
        {
            page.Append(h.Level == top ? "<li>" : "<li class=\"sub\">")
                .Append("<a href=\"#").Append(WebUtility.HtmlEncode(h.Id)).Append("\">").Append(Anchor().Replace(h.Html, "")).Append("</a></li>");
        }
        page.Append("</ol></nav>\n");
        return page.ToString();
    }

    /// <summary>Keeps inlined code from closing its element early.</summary>
    private static string Inline(string code, string element) =>
        code.Replace("</" + element, "<\\/" + element, StringComparison.OrdinalIgnoreCase);

    // Markdig writes every math span as <span class="math">\(..\)</span> or \[..\] (a block as <div class="math">);
    // only those are rendered, so a dollar sign in ordinary text or in an output stays text.
    private const string RenderMathScript = """
        (function(){if(!window.renderMathInElement)return;
        var o={delimiters:[{left:"$$",right:"$$",display:true},{left:"\\[",right:"\\]",display:true},
        {left:"\\(",right:"\\)",display:false},{left:"$",right:"$",display:false}],throwOnError:false};
        document.querySelectorAll(".math").forEach(function(e){renderMathInElement(e,o);});})();
        """;

    [GeneratedRegex("</?a\\b[^>]*>")]
    private static partial Regex Anchor();
}
