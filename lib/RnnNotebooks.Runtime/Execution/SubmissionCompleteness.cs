using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// Decides Jupyter's <c>is_complete</c> from the syntax tree. A console front end runs "complete" code,
/// waits for another line on "incomplete", and reports "invalid" code at once, so the rule is about lines:
/// <list type="bullet">
/// <item>complete: the cell parses without errors;</item>
/// <item>incomplete: every syntax error sits at the end of the code, where more lines can still fix it
/// (an open brace or parenthesis, a missing expression or semicolon, an open comment, a verbatim or raw string
/// or an interpolation hole left open);</item>
/// <item>invalid: an error occurs before the end, which no added line can repair (a stray <c>}</c>,
/// <c>int x = );</c>), or a one-line string or character literal is left open: the next line cannot close it.</item>
/// </list>
/// </summary>
internal static class SubmissionCompleteness
{
    private static readonly CSharpParseOptions ScriptParseOptions =
        CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Latest);

    /// <summary>Classifies <paramref name="cell"/> (directives included).</summary>
    public static CodeCompleteness Classify(string cell)
    {
        var parsed = DirectiveParser.Parse(cell);
        if (parsed.Errors.Count > 0)
            return CodeCompleteness.Invalid;
        if (string.IsNullOrWhiteSpace(parsed.Code))
            return CodeCompleteness.Complete;
        var tree = CSharpSyntaxTree.ParseText(parsed.Code, ScriptParseOptions);
        var errors = tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count == 0)
            return CodeCompleteness.Complete;
        var root = tree.GetRoot();
        var last = root.GetLastToken(includeZeroWidth: false, includeSkipped: true, includeDirectives: true, includeDocumentationComments: true);
        var end = last.RawKind == 0 ? 0 : last.Span.End;
        foreach (var error in errors)
        {
            var at = error.Location.SourceSpan.Start;
            if (at >= end)
                continue; // a missing token, an open comment or directive block at the very end
            if (!IsOpenMultiLineLiteralReachingTheEnd(root, at, end))
                return CodeCompleteness.Invalid;
        }
        return CodeCompleteness.Incomplete;
    }

    /// <summary>
    /// True when the error at <paramref name="position"/> lies in a literal that may span lines (verbatim or raw
    /// string, interpolation hole) and that literal runs to the end of the code.
    /// </summary>
    private static bool IsOpenMultiLineLiteralReachingTheEnd(SyntaxNode root, int position, int end)
    {
        var token = root.FindToken(position, findInsideTrivia: false);
        var interpolated = token.Parent?.AncestorsAndSelf().OfType<InterpolatedStringExpressionSyntax>().FirstOrDefault();
        if (interpolated is not null)
        {
            if (interpolated.Span.End < end)
                return false;
            var start = interpolated.StringStartToken.Text;
            var multiLine = start.Contains('@') || start.Contains("\"\"\"", StringComparison.Ordinal);
            // Since C# 11 an interpolation hole may span lines even in a one-line string.
            var openHole = interpolated.Contents.OfType<InterpolationSyntax>().Any(i => i.CloseBraceToken.IsMissing);
            return multiLine || openHole;
        }
        if (token.Span.End < end)
            return false;
        return token.Kind() switch
        {
            SyntaxKind.StringLiteralToken or SyntaxKind.Utf8StringLiteralToken => token.Text.StartsWith('@'),
            SyntaxKind.MultiLineRawStringLiteralToken or SyntaxKind.Utf8MultiLineRawStringLiteralToken => true,
            _ => false,
        };
    }
}
