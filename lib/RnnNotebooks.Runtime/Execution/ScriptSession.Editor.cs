using System.Text;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace RnnNotebooks.Runtime.Execution;

// Completion and inspection for the kernel face: the code is compiled as the session's next cell
// (without running it) and queried through Roslyn's semantic model.
public sealed partial class ScriptSession
{
    /// <inheritdoc />
    public Task<CompletionResult> CompleteAsync(string code, int cursor, CancellationToken cancellationToken = default)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var start = cursor;
        while (start > 0 && (char.IsLetterOrDigit(code[start - 1]) || code[start - 1] == '_')) start--;
        var prefix = code[start..cursor];
        var (model, tree) = Analyse(code);
        IEnumerable<ISymbol> symbols = [];
        if (start > 0 && code[start - 1] == '.')
        {
            var token = tree.GetRoot().FindToken(start - 1);
            if (token.Parent is MemberAccessExpressionSyntax access)
            {
                var symbol = model.GetSymbolInfo(access.Expression, cancellationToken).Symbol;
                if (symbol is INamespaceOrTypeSymbol container)
                    symbols = model.LookupSymbols(start, container).Where(s => s.IsStatic || s is INamespaceOrTypeSymbol);
                else if (model.GetTypeInfo(access.Expression, cancellationToken).Type is { } type)
                    symbols = model.LookupSymbols(start, type, includeReducedExtensionMethods: true).Where(s => !s.IsStatic || s is IMethodSymbol { ReducedFrom: not null });
            }
        }
        else
        {
            symbols = model.LookupSymbols(start);
        }
        var matches = symbols
            .Where(s => s.CanBeReferencedByName && s.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(s => s.Name)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(new CompletionResult(matches, start, cursor));
    }

    /// <inheritdoc />
    public Task<InspectionResult?> InspectAsync(string code, int cursor, CancellationToken cancellationToken = default)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var (model, tree) = Analyse(code);
        var root = tree.GetRoot(cancellationToken);
        foreach (var position in new[] { cursor, cursor - 1 })
        {
            if (position < 0 || position >= code.Length && position != 0) continue;
            var token = root.FindToken(Math.Min(position, Math.Max(0, code.Length - 1)));
            for (var node = token.Parent; node is not null; node = node.Parent)
            {
                var info = model.GetSymbolInfo(node, cancellationToken);
                var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault() ?? model.GetDeclaredSymbol(node, cancellationToken);
                if (symbol is null) continue;
                var signature = symbol.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                var kind = symbol.Kind.ToString().ToLowerInvariant();
                var text = new StringBuilder().Append($"({kind}) {signature}");
                if (Summary(symbol) is { Length: > 0 } summary) text.Append("\n\n").Append(summary);
                var markdown = $"```csharp\n{signature}\n```" + (Summary(symbol) is { Length: > 0 } s ? $"\n\n{s}" : "");
                return Task.FromResult<InspectionResult?>(new InspectionResult(text.ToString(), markdown));
            }
        }
        return Task.FromResult<InspectionResult?>(null);
    }

    private (SemanticModel Model, SyntaxTree Tree) Analyse(string code)
    {
        var script = _lastScript is null
            ? CSharpScript.Create<object>(code, _scriptOptions, typeof(ScriptGlobals))
            : _lastScript.ContinueWith<object>(code, _scriptOptions);
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        return (compilation.GetSemanticModel(tree), tree);
    }

    private static string? Summary(ISymbol symbol)
    {
        var xml = symbol.GetDocumentationCommentXml();
        if (string.IsNullOrWhiteSpace(xml)) return null;
        try
        {
            var summary = XElement.Parse(xml).Element("summary");
            return summary is null ? null : string.Join(" ", summary.Value.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        }
        catch (System.Xml.XmlException) { return null; }
    }
}
