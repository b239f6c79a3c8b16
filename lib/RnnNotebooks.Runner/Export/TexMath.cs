using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace RnnNotebooks.Runner.Export;

/// <summary>
/// Completes Markdig's math extension the way Jupyter reads math: <c>\(...\)</c> and <c>\[...\]</c> are math
/// too (CommonMark would otherwise unescape them to bare brackets), and <c>$$...$$</c> inside a paragraph stays
/// display math. Every math span is written as <c>&lt;span class="math"&gt;\(...\)&lt;/span&gt;</c> or
/// <c>\[...\]</c> with its TeX untouched by emphasis, ready for KaTeX's auto-render.
/// </summary>
internal sealed class TexMathExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<TexBracketMathParser>())
            pipeline.InlineParsers.InsertBefore<EscapeInlineParser>(new TexBracketMathParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Replace<HtmlMathInlineRenderer>(new DisplayAwareMathRenderer()))
            html.ObjectRenderers.Insert(0, new DisplayAwareMathRenderer());
    }
}

/// <summary>Parses <c>\(...\)</c> as inline math and <c>\[...\]</c> as display math.</summary>
internal sealed class TexBracketMathParser : InlineParser
{
    public TexBracketMathParser() => OpeningCharacters = ['\\'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var open = slice.PeekChar();
        if (open is not ('(' or '[')) return false;
        var close = open == '(' ? ')' : ']';
        var text = slice.Text;
        var startPosition = slice.Start;
        var contentStart = slice.Start + 2;
        for (var i = contentStart; i < slice.End; i++)
        {
            if (text[i] != '\\') continue;
            if (text[i + 1] != close)
            {
                i++; // an escaped character such as \\ or \{ is part of the TeX
                continue;
            }

            var content = new StringSlice(text, contentStart, i - 1);
            content.Trim();
            if (content.IsEmpty) return false;
            var inline = new MathInline
            {
                Span = new Markdig.Syntax.SourceSpan(processor.GetSourcePosition(startPosition, out var line, out var column), processor.GetSourcePosition(i + 1)),
                Line = line,
                Column = column,
                Delimiter = open,
                DelimiterCount = open == '(' ? 1 : 2,
                Content = content,
            };
            inline.GetAttributes().AddClass("math");
            processor.Inline = inline;
            slice.Start = i + 2;
            return true;
        }
        return false;
    }
}

/// <summary>Writes inline math as <c>\(...\)</c>, and <c>$$...$$</c> or <c>\[...\]</c> as display math <c>\[...\]</c>.</summary>
internal sealed class DisplayAwareMathRenderer : HtmlObjectRenderer<MathInline>
{
    protected override void Write(HtmlRenderer renderer, MathInline math)
    {
        var display = math.DelimiterCount >= 2;
        renderer.Write("<span").WriteAttributes(math).Write(display ? ">\\[" : ">\\(");
        renderer.WriteEscape(ref math.Content);
        renderer.Write(display ? "\\]</span>" : "\\)</span>");
    }
}
