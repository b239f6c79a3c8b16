using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.QuickInfo;
using Microsoft.CodeAnalysis.Tags;

namespace RnnNotebooks.Runtime.Execution;

// The editor face of a session: completion, inspection and is_complete for the kernel, answered by Roslyn's
// completion and quick-info services over a workspace that mirrors the cells that ran. Nothing here runs code.
public sealed partial class ScriptSession
{
    /// <summary>How many matches get a signature; the rest are named with their kind only, to keep replies fast.</summary>
    private const int SignedMatches = 150;

    /// <summary>How long the session must be idle after a cell before the editor warms up.</summary>
    private static readonly TimeSpan EditorWarmUpQuiet = TimeSpan.FromMilliseconds(500);

    private readonly Lazy<SubmissionWorkspace> _workspace = new(() => new SubmissionWorkspace(typeof(ScriptGlobals)));

    /// <inheritdoc />
    public CodeCompleteness IsComplete(string code) => SubmissionCompleteness.Classify(code);

    /// <inheritdoc />
    public async Task<CompletionResult> CompleteAsync(string code, int cursor, CancellationToken cancellationToken = default)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var document = EditorDocument(code);
        var service = CompletionService.GetService(document);
        if (service is null)
            return new CompletionResult([], cursor, cursor);
        var list = await service.GetCompletionsAsync(document, cursor, cancellationToken: cancellationToken);
        var span = list.Span;
        var start = Math.Min(span.Start, cursor);
        var typed = code[start..cursor];
        var items = list.ItemsList
            .Where(i => !i.IsComplexTextEdit)
            .Select(i => (Item: i, Text: InsertionText(i)))
            .Where(m => m.Text.StartsWith(typed, StringComparison.OrdinalIgnoreCase) || m.Item.FilterText.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(m => m.Text.StartsWith(typed, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(m => m.Item.SortText, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => m.Text, StringComparer.Ordinal)
            .DistinctBy(m => m.Text)
            .ToList();
        var model = await document.GetSemanticModelAsync(cancellationToken);
        var symbols = model is null ? null : VisibleSymbols(model, start, cancellationToken);
        var details = new List<CompletionMatch>(items.Count);
        foreach (var (item, text) in items)
        {
            var signature = symbols is not null && details.Count < SignedMatches && IsSymbol(item)
                ? Signature(symbols[text])
                : null;
            details.Add(new CompletionMatch(text, Kind(item), signature));
        }
        return new CompletionResult(items.Select(m => m.Text).ToList(), start, Math.Max(cursor, Math.Min(span.End, code.Length)))
        {
            Details = details,
        };
    }

    /// <inheritdoc />
    public async Task<InspectionResult?> InspectAsync(string code, int cursor, CancellationToken cancellationToken = default)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var document = EditorDocument(code);
        var root = await document.GetSyntaxRootAsync(cancellationToken);
        var model = await document.GetSemanticModelAsync(cancellationToken);
        if (root is null || model is null)
            return null;
        // Inside a call's parentheses the call is what a person asks about, as IPython does: signature help.
        if (EnclosingCall(root, cursor) is { } call && SignatureHelp.Describe(model, call, cursor, cancellationToken) is { } help)
            return help;
        var quickInfo = QuickInfoService.GetService(document);
        if (quickInfo is null)
            return null;
        foreach (var position in cursor > 0 ? [cursor, cursor - 1] : new[] { cursor })
        {
            var info = await quickInfo.GetQuickInfoAsync(document, position, cancellationToken);
            if (info is { Sections.Length: > 0 })
                return Describe(info);
        }
        return null;
    }

    /// <summary>
    /// Jits the compiler's whole path by compiling and running a one-line script that needs only the framework's
    /// default references. Started when the process starts, it runs while the front end is still connecting; the
    /// first cell, compiled meanwhile on its own thread with its session's references, shares that work instead of
    /// waiting on it.
    /// </summary>
    public static Task WarmUpCompilerAsync(CancellationToken cancellationToken = default)
        => CSharpScript.EvaluateAsync<int>("var xs = new System.Collections.Generic.List<int> { 1, 2 }; xs.Count", cancellationToken: cancellationToken);

    /// <summary>
    /// Prepares this session's editor so the first completion is quick: once the session stays idle after a cell
    /// (or after <paramref name="editorDelay"/> without any), a cell like a notebook's (a lambda, LINQ, an
    /// interpolated string) is compiled with the session's references, and the editor workspace is built and
    /// answers a completion and an inspection. Meant to run in the background; nothing it runs touches the
    /// session's state.
    /// </summary>
    public async Task WarmUpEditorAsync(TimeSpan editorDelay, CancellationToken cancellationToken = default)
    {
        // The editor's turn comes when the session has stayed idle a moment after a cell ran (or, before any cell,
        // after editorDelay): its work must not slow a cell, and batch runs, which never ask for completions
        // (nbconvert sends cell after cell), seldom leave it a quiet moment.
        var started = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        var seenCount = -1;
        while (!_disposed)
        {
            var count = ExecutionCount;
            if (_oneAtATime.CurrentCount == 0 || count != seenCount)
            {
                seenCount = count;
                quiet.Restart();
            }
            else if (quiet.Elapsed >= EditorWarmUpQuiet && (count > 0 || started.Elapsed >= editorDelay))
                break;
            await Task.Delay(50, cancellationToken);
        }
        if (_disposed)
            return;
        var typical = CSharpScript.Create<object>(
            "var xs = new List<double> { 1, 2, 3 };\nvar total = xs.Where(x => x > 1).Sum();\nConsole.WriteLine($\"{total:F1}\");\ntotal",
            Volatile.Read(ref _scriptOptions), typeof(ScriptGlobals));
        using (var image = new MemoryStream())
            typical.GetCompilation().Emit(image, cancellationToken: cancellationToken);
        FrameworkDocumentation.Preload();
        await CompleteAsync("Console.", "Console.".Length, cancellationToken);
        await InspectAsync("Console.WriteLine", "Console.WriteLine".Length, cancellationToken);
    }

    /// <summary>The code as the cell after the last one that ran, in the editor workspace.</summary>
    private Document EditorDocument(string code)
        => _workspace.Value.Document(Volatile.Read(ref _lastScript), Volatile.Read(ref _scriptOptions), BlankDirectives(code));

    /// <summary>Directive lines become spaces: the engine resolves them, not the compiler; offsets stay.</summary>
    private static string BlankDirectives(string code)
        => DirectiveLine().Replace(code, m => new string(' ', m.Length));

    [GeneratedRegex(@"^[ \t]*#(r|load|i|!)\b[^\r\n]*", RegexOptions.Multiline)]
    private static partial Regex DirectiveLine();

    /// <summary>
    /// The symbols a completion at <paramref name="position"/> can name, by name: after a dot, the members of the type
    /// or namespace before it (static members and nested types) or of the type of the expression before it (instance
    /// members, extension methods included); elsewhere, the names in scope.
    /// </summary>
    private static ILookup<string, ISymbol> VisibleSymbols(SemanticModel model, int position, CancellationToken cancellationToken)
    {
        var dot = model.SyntaxTree.GetRoot(cancellationToken).FindToken(Math.Max(0, position - 1));
        var left = !dot.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.DotToken) ? null : dot.Parent switch
        {
            MemberAccessExpressionSyntax access => access.Expression,
            QualifiedNameSyntax qualified => qualified.Left,
            _ => null,
        };
        IEnumerable<ISymbol> symbols;
        if (left is null)
            symbols = model.LookupSymbols(position);
        else if (model.GetSymbolInfo(left, cancellationToken).Symbol is INamespaceOrTypeSymbol named)
            symbols = model.LookupSymbols(position, named);
        else if (model.GetTypeInfo(left, cancellationToken).Type is { } type)
            symbols = model.LookupSymbols(position, type, includeReducedExtensionMethods: true);
        else
            symbols = [];
        return symbols.ToLookup(s => s.Name, StringComparer.Ordinal);
    }

    private static readonly SymbolDisplayFormat SignatureFormat = SymbolDisplayFormat.MinimallyQualifiedFormat
        .AddMemberOptions(SymbolDisplayMemberOptions.IncludeContainingType);

    /// <summary>The C# signature of the symbol a completion names (the overload with the fewest parameters), with the count of other overloads.</summary>
    private static string? Signature(IEnumerable<ISymbol> named)
    {
        var symbols = named.ToList();
        if (symbols.Count == 0)
            return null;
        var first = symbols.OrderBy(s => s is IMethodSymbol m ? m.Parameters.Length : 0).First();
        // Names without namespaces, decided from the symbols alone: minimal names need a lookup per type, too slow for a long list.
        var signature = first.ToDisplayString(SignatureFormat);
        var overloads = symbols.Count - 1;
        return overloads > 0 && first is IMethodSymbol ? $"{signature} (+ {overloads} overload{(overloads == 1 ? "" : "s")})" : signature;
    }

    private static string InsertionText(CompletionItem item)
        => item.Properties.TryGetValue("InsertionText", out var text) && !string.IsNullOrEmpty(text) ? text : item.DisplayText;

    private static bool IsSymbol(CompletionItem item) => !item.Tags.Contains(WellKnownTags.Keyword) && !item.Tags.Contains(WellKnownTags.Snippet);

    /// <summary>The kind as Jupyter front ends name it (VS Code's and JupyterLab's completion kinds).</summary>
    private static string Kind(CompletionItem item)
    {
        foreach (var tag in item.Tags)
        {
            var kind = tag switch
            {
                WellKnownTags.Method or WellKnownTags.ExtensionMethod => "method",
                WellKnownTags.Property => "property",
                WellKnownTags.Field => "field",
                WellKnownTags.Event => "event",
                WellKnownTags.Constant => "constant",
                WellKnownTags.EnumMember => "enumMember",
                WellKnownTags.Local or WellKnownTags.Parameter or WellKnownTags.RangeVariable => "variable",
                WellKnownTags.Class => "class",
                WellKnownTags.Structure => "struct",
                WellKnownTags.Interface => "interface",
                WellKnownTags.Enum => "enum",
                WellKnownTags.Delegate => "delegate",
                WellKnownTags.Namespace => "module",
                WellKnownTags.Keyword => "keyword",
                WellKnownTags.TypeParameter => "typeParameter",
                WellKnownTags.Snippet => "snippet",
                WellKnownTags.Operator => "operator",
                _ => null,
            };
            if (kind is not null)
                return kind;
        }
        return "text";
    }

    /// <summary>The call whose parentheses hold the cursor, if any.</summary>
    private static ExpressionSyntax? EnclosingCall(SyntaxNode root, int cursor)
    {
        var token = root.FindToken(Math.Max(0, cursor - 1));
        foreach (var list in token.Parent?.AncestorsAndSelf().OfType<ArgumentListSyntax>() ?? [])
        {
            var inside = list.OpenParenToken.Span.End <= cursor
                && (list.CloseParenToken.IsMissing || cursor <= list.CloseParenToken.SpanStart);
            if (inside && list.Parent is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax)
                return (ExpressionSyntax)list.Parent;
        }
        return null;
    }

    /// <summary>Plain text and markdown from Roslyn's quick info: the signature, then the docs (summary, returns, exceptions...).</summary>
    private static InspectionResult Describe(QuickInfoItem info)
    {
        static string Clean(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\u00A0', ' ').Trim();
        var signature = Clean(info.Sections.FirstOrDefault(s => s.Kind == QuickInfoSectionKinds.Description)?.Text ?? "");
        var text = new StringBuilder(signature);
        var markdown = new StringBuilder();
        if (signature.Length > 0)
            markdown.Append("```csharp\n").Append(signature).Append("\n```");
        foreach (var section in info.Sections.Where(s => s.Kind != QuickInfoSectionKinds.Description))
        {
            var body = Clean(section.Text);
            if (body.Length == 0)
                continue;
            text.Append("\n\n").Append(body);
            markdown.Append("\n\n").Append(body.Replace("\n", "  \n", StringComparison.Ordinal));
        }
        return new InspectionResult(text.ToString(), markdown.ToString());
    }
}
