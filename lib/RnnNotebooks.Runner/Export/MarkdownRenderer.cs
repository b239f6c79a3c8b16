using System.Net;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace RnnNotebooks.Runner.Export;

/// <summary>A heading of the page, for its table of contents.</summary>
/// <param name="Level">1 for <c>#</c>, 2 for <c>##</c>, and so on.</param>
/// <param name="Id">The anchor, unique on the page.</param>
/// <param name="Html">The heading's inline content as HTML (math spans included).</param>
internal sealed record PageHeading(int Level, string Id, string Html)
{
    /// <summary>The heading as plain text, for the page's title.</summary>
    public string Text => WebUtility.HtmlDecode(Regex.Replace(Html, "<[^>]*>", ""));
}

/// <summary>
/// Renders the markdown cells of one page with Markdig, math kept intact for KaTeX, and gathers the headings
/// with anchors that stay unique across cells.
/// </summary>
internal sealed class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseMathematics()
        .UseAdvancedExtensions()
        .Use<TexMathExtension>()
        .Build();

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly List<PageHeading> _headings = [];

    /// <summary>Every heading rendered so far, in page order.</summary>
    public IReadOnlyList<PageHeading> Headings => _headings;

    /// <summary>The HTML of <paramref name="markdown"/>.</summary>
    public string Render(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            var attributes = heading.GetAttributes();
            attributes.Id = UniqueId(string.IsNullOrEmpty(attributes.Id) ? "section" : attributes.Id);
            _headings.Add(new PageHeading(heading.Level, attributes.Id, RenderInlines(heading)));
        }
        return RenderBlock(document);
    }

    private string UniqueId(string id)
    {
        var candidate = id;
        for (var n = 2; !_ids.Add(candidate); n++) candidate = $"{id}-{n}";
        return candidate;
    }

    private static string RenderBlock(MarkdownObject block)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(block);
        writer.Flush();
        return writer.ToString();
    }

    private static string RenderInlines(HeadingBlock heading)
    {
        if (heading.Inline is null) return "";
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.WriteChildren(heading.Inline);
        writer.Flush();
        return writer.ToString();
    }
}
