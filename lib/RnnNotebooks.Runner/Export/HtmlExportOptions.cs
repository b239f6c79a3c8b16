namespace RnnNotebooks.Runner.Export;

/// <summary>How <see cref="HtmlExporter"/> writes a page.</summary>
internal sealed record HtmlExportOptions
{
    /// <summary>When the notebook ran, shown in the page's header; null shows the time of export.</summary>
    public DateTimeOffset? ExecutedAt { get; init; }

    /// <summary>
    /// Whether the page inlines KaTeX (when this build embeds it) to render the math of markdown cells;
    /// without it the page shows the TeX source.
    /// </summary>
    public bool RenderMath { get; init; } = true;

    /// <summary>Whether the page lists its section headings under the header (only when there are at least two).</summary>
    public bool TableOfContents { get; init; } = true;
}
