using System.Text.RegularExpressions;
using RnnNotebooks.Runner.Export;
using static RnnNotebooks.Runtime.Tests.Export.ExportNotebooks;

namespace RnnNotebooks.Runtime.Tests.Export;

public class HtmlExporterMathTests
{
    private static readonly KatexAssets.Bundle FakeKatex = new("/*katex-script*/", "/*katex-css*/", "0.0.0");

    private static string Page(string markdown, KatexAssets.Bundle? katex = null) =>
        HtmlExporter.Render(Of(Markdown(markdown)), "math", new HtmlExportOptions(), katex ?? FakeKatex);

    private static string[] MathSpans(string html) =>
        Regex.Matches(html, "<(span|div) class=\"math\">(.*?)</\\1>", RegexOptions.Singleline).Select(m => m.Groups[2].Value).ToArray();

    [Fact]
    public void Dollar_math_keeps_underscores_and_asterisks_out_of_emphasis()
    {
        var html = Page("Loss $L = a_t * b_t + c_*$ and *real emphasis* here.\n\n$$\n\\hat{y}_t = W_{xh} x_t * h_{t-1} * b_t\n$$\n");

        var spans = MathSpans(html);
        Assert.Equal(2, spans.Length);
        Assert.Equal("\\(L = a_t * b_t + c_*\\)", spans[0]);
        Assert.Contains("\\hat{y}_t = W_{xh} x_t * h_{t-1} * b_t", spans[1]);
        Assert.StartsWith("\n\\[", spans[1]);
        Assert.All(spans, s => Assert.DoesNotContain("<em>", s));
        Assert.Single(Regex.Matches(html, "<em>"));
        Assert.Contains("<em>real emphasis</em>", html);
    }

    [Fact]
    public void Bracket_delimiters_are_math_rather_than_escaped_brackets()
    {
        var html = Page("Inline \\(a_1 * b_1 + c_1 * d_1\\) and display \\[ s_t = \\tanh(U x_t) \\] with \\\\[not math\\\\].");

        var spans = MathSpans(html);
        Assert.Equal(["\\(a_1 * b_1 + c_1 * d_1\\)", "\\[s_t = \\tanh(U x_t)\\]"], spans);
        Assert.DoesNotContain("<em>", html);
        Assert.Contains("\\[not math\\]", html.Replace("\\\\", "\\"));
    }

    [Fact]
    public void Double_dollars_inside_a_paragraph_stay_display_math()
    {
        var spans = MathSpans(Page("The cell is $$h_t = \\tanh(W_{xh} x_t + W_{hh} h_{t-1})$$ in the text."));
        Assert.Equal(["\\[h_t = \\tanh(W_{xh} x_t + W_{hh} h_{t-1})\\]"], spans);
    }

    [Fact]
    public void Tex_special_html_characters_are_escaped_inside_math()
    {
        var spans = MathSpans(Page("Bound $a < b > c & d$ holds."));
        Assert.Equal(["\\(a &lt; b &gt; c &amp; d\\)"], spans);
    }

    [Fact]
    public void Katex_is_inlined_once_and_renders_only_math_spans()
    {
        var notebook = Of(Markdown("$x_1$"), Markdown("$$y_2$$"), Code("1", Display("text/markdown", "$z_3$")));
        var html = HtmlExporter.Render(notebook, "math", new HtmlExportOptions(), FakeKatex);

        Assert.Single(Regex.Matches(html, Regex.Escape("/*katex-script*/")));
        Assert.Single(Regex.Matches(html, Regex.Escape("/*katex-css*/")));
        Assert.Contains("document.querySelectorAll(\".math\")", html);
        Assert.Contains("{left:\"\\\\(\",right:\"\\\\)\",display:false}", html);
        Assert.Contains("{left:\"$$\",right:\"$$\",display:true}", html);
        Assert.Equal(3, MathSpans(html).Length);
        // The render call follows every math span, so the whole document is there when it runs.
        Assert.True(html.LastIndexOf("renderMathInElement(e,o)", StringComparison.Ordinal) > html.LastIndexOf("class=\"math\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_katex_the_page_shows_the_tex_and_no_render_script()
    {
        var notebook = Of(Markdown("Loss $L_t$."));
        var html = HtmlExporter.Render(notebook, "math", new HtmlExportOptions(), katex: null);

        Assert.Contains("<span class=\"math\">\\(L_t\\)</span>", html);
        Assert.DoesNotContain("renderMathInElement", html);
    }

    [Fact]
    public void Render_math_false_leaves_katex_out_even_when_embedded()
    {
        var html = HtmlExporter.Render(Of(Markdown("$x$")), "math", new HtmlExportOptions { RenderMath = false });
        Assert.DoesNotContain("renderMathInElement", html);
        Assert.DoesNotContain("KaTeX_Main", html);
    }
}
