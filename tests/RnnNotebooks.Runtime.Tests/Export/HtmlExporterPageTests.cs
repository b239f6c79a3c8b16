using System.Text.RegularExpressions;
using RnnNotebooks.Runner.Export;
using static RnnNotebooks.Runtime.Tests.Export.ExportNotebooks;

namespace RnnNotebooks.Runtime.Tests.Export;

public class HtmlExporterPageTests
{
    private static readonly HtmlExportOptions At = new() { ExecutedAt = new DateTimeOffset(2024, 3, 5, 15, 7, 0, TimeSpan.FromHours(1)) };

    [Fact]
    public void Header_names_the_notebook_and_its_run_date_in_utc()
    {
        var html = HtmlExporter.Render(Of(Markdown("# Adding *binary* numbers"), Code("1 + 1")), "04-binary-addition", At);

        Assert.Contains("<span class=\"name\">04-binary-addition</span>", html);
        Assert.Contains("1 code cell · executed <time datetime=\"2024-03-05T14:07:00Z\">2024-03-05 14:07 UTC</time>", html);
        Assert.Contains("<title>Adding binary numbers</title>", html);
    }

    [Fact]
    public void Contents_link_every_section_with_anchors_unique_across_cells()
    {
        var notebook = Of(
            Markdown("# Title\n\n## Setup"),
            Markdown("## Results\n\n### Loss $L_t$"),
            Markdown("## Results"));
        var html = HtmlExporter.Render(notebook, "nb", At);

        var nav = Regex.Match(html, "<nav class=\"toc\".*?</nav>", RegexOptions.Singleline).Value;
        var links = Regex.Matches(nav, "href=\"#([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["setup", "results", "loss", "results-2"], links);
        Assert.DoesNotContain("href=\"#title\"", nav);
        Assert.Contains("<span class=\"math\">\\(L_t\\)</span>", nav);
        foreach (var id in links) Assert.Single(Regex.Matches(html, $"id=\"{Regex.Escape(id)}\""));
    }

    [Fact]
    public void A_page_with_fewer_than_two_sections_has_no_contents()
    {
        var html = HtmlExporter.Render(Of(Markdown("# Title\n\n## Only one")), "nb", At);
        Assert.DoesNotContain("<nav", html);
    }

    [Fact]
    public void Plotly_is_inlined_once_for_many_charts_and_not_at_all_without_charts()
    {
        var withCharts = HtmlExporter.Render(Of(Code("a", Chart("one")), Code("b", Chart("two"))), "nb", At);
        var withoutCharts = HtmlExporter.Render(Of(Code("c", Display("text/plain", "3"))), "nb", At);

        Assert.Single(Regex.Matches(withCharts, "Plotly.newPlot=|newPlot:function|\\.newPlot=function"));
        Assert.Equal(2, Regex.Matches(withCharts, "Plotly.newPlot\\('chart-\\d'").Count);
        Assert.Contains("id=\"chart-2\" style=\"height:380px\"", withCharts);
        Assert.DoesNotContain("\"width\":700", withCharts);
        Assert.DoesNotContain("Plotly", withoutCharts);
    }

    [Fact]
    public void Outputs_are_grouped_under_their_code_and_empty_cells_have_no_output_block()
    {
        var html = HtmlExporter.Render(Of(
            Code("Console.WriteLine(\"<b>\");", new System.Text.Json.Nodes.JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "<b>\n" }),
            Code("var x = 1;")), "nb", At);

        Assert.Single(Regex.Matches(html, "<div class=\"outputs\">"));
        Assert.Contains("<pre class=\"out stdout\">&lt;b&gt;\n</pre>", html);
    }
}
