using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// What a person wants to see with the cursor inside a call's parentheses: the overload that fits the arguments
/// typed so far, its summary, the parameter being typed and the other overloads.
/// </summary>
internal static class SignatureHelp
{
    private const int ListedOverloads = 12;

    private static readonly SymbolDisplayFormat Format = SymbolDisplayFormat.MinimallyQualifiedFormat
        .AddMemberOptions(SymbolDisplayMemberOptions.IncludeContainingType)
        .AddParameterOptions(SymbolDisplayParameterOptions.IncludeDefaultValue);

    /// <summary>Describes the call <paramref name="call"/> (an invocation or object creation), or null when it binds to nothing.</summary>
    public static InspectionResult? Describe(SemanticModel model, ExpressionSyntax call, int cursor, CancellationToken cancellationToken)
    {
        var (arguments, overloads) = call switch
        {
            InvocationExpressionSyntax invocation => (invocation.ArgumentList, model.GetMemberGroup(invocation.Expression, cancellationToken).OfType<IMethodSymbol>().ToList()),
            BaseObjectCreationExpressionSyntax creation when creation.ArgumentList is { } list
                => (list, (model.GetTypeInfo(creation, cancellationToken).Type as INamedTypeSymbol)?.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared || c.Parameters.Length == 0).ToList() ?? []),
            _ => (null, []),
        };
        if (arguments is null || overloads.Count == 0)
            return null;
        var argument = arguments.Arguments.GetSeparators().Count(s => s.SpanStart < cursor);
        var bound = model.GetSymbolInfo(call, cancellationToken).Symbol as IMethodSymbol;
        // Before the call is finished it binds to nothing: pick the overload that takes the arguments typed so far.
        var chosen = bound
            ?? overloads.Where(m => Fits(m, argument))
                .OrderByDescending(m => Accepted(model, m, arguments, argument))
                .ThenBy(m => m.Parameters.Length)
                .FirstOrDefault()
            ?? overloads[0];
        var position = call.SpanStart;
        var signature = Display(chosen, model, position);
        var docs = Documentation.Of(chosen);
        var parameter = argument < chosen.Parameters.Length ? chosen.Parameters[argument]
            : chosen.Parameters.LastOrDefault(p => p.IsParams);

        var text = new StringBuilder(signature);
        var markdown = new StringBuilder("```csharp\n").Append(signature).Append("\n```");
        if (docs.Summary is { Length: > 0 } summary)
        {
            text.Append("\n\n").Append(summary);
            markdown.Append("\n\n").Append(summary);
        }
        if (parameter is not null)
        {
            var about = docs.Parameter(parameter.Name);
            var line = $"{parameter.Type.ToMinimalDisplayString(model, position)} {parameter.Name}{(about is null ? "" : $": {about}")}";
            text.Append("\n\nParameter ").Append(line);
            markdown.Append("\n\n**Parameter** `").Append(parameter.Name).Append('`').Append(about is null ? "" : $": {about}");
        }
        if (docs.Returns is { Length: > 0 } returns)
        {
            text.Append("\n\nReturns: ").Append(returns);
            markdown.Append("\n\n**Returns:** ").Append(returns);
        }
        var others = overloads.Where(o => !SymbolEqualityComparer.Default.Equals(o, chosen)).ToList();
        if (others.Count > 0)
        {
            text.Append($"\n\n{others.Count} other overload{(others.Count == 1 ? "" : "s")}:");
            markdown.Append($"\n\n{others.Count} other overload{(others.Count == 1 ? "" : "s")}:\n```csharp");
            foreach (var other in others.Take(ListedOverloads))
            {
                var shown = Display(other, model, position);
                text.Append("\n  ").Append(shown);
                markdown.Append('\n').Append(shown);
            }
            if (others.Count > ListedOverloads)
            {
                text.Append($"\n  ... and {others.Count - ListedOverloads} more");
                markdown.Append($"\n// ... and {others.Count - ListedOverloads} more");
            }
            markdown.Append("\n```");
        }
        return new InspectionResult(text.ToString(), markdown.ToString());
    }

    private static bool Fits(IMethodSymbol method, int argument)
        => argument < method.Parameters.Length || method.Parameters.LastOrDefault()?.IsParams == true;

    /// <summary>How many of the arguments before the current one convert to <paramref name="method"/>'s parameters.</summary>
    private static int Accepted(SemanticModel model, IMethodSymbol method, ArgumentListSyntax arguments, int current)
    {
        var accepted = 0;
        for (var i = 0; i < current && i < arguments.Arguments.Count && i < method.Parameters.Length; i++)
        {
            if (model.ClassifyConversion(arguments.Arguments[i].Expression, method.Parameters[i].Type).IsImplicit)
                accepted++;
        }
        return accepted;
    }

    /// <summary>A method as C# shows it; a constructor as the <c>new</c> expression that calls it.</summary>
    private static string Display(IMethodSymbol method, SemanticModel model, int position)
        => method.MethodKind == MethodKind.Constructor
            ? $"new {method.ContainingType.ToMinimalDisplayString(model, position)}({string.Join(", ", method.Parameters.Select(p => p.ToMinimalDisplayString(model, position)))})"
            : method.ToMinimalDisplayString(model, position, Format);

    /// <summary>The parts of a symbol's XML documentation shown as plain text.</summary>
    private sealed class Documentation
    {
        private readonly XElement? _root;

        private Documentation(XElement? root) => _root = root;

        public string? Summary => Text(_root?.Element("summary"));

        public string? Returns => Text(_root?.Element("returns"));

        public string? Parameter(string name)
            => Text(_root?.Elements("param").FirstOrDefault(p => (string?)p.Attribute("name") == name));

        public static Documentation Of(ISymbol symbol)
        {
            var xml = symbol.GetDocumentationCommentXml(expandIncludes: true);
            if (string.IsNullOrWhiteSpace(xml))
                return new Documentation(null);
            try
            {
                return new Documentation(XElement.Parse(xml));
            }
            catch (XmlException)
            {
                return new Documentation(null);
            }
        }

        /// <summary>An element's text with references written as names: <c>&lt;see cref="T:System.String"/&gt;</c> becomes <c>String</c>.</summary>
        private static string? Text(XElement? element)
        {
            if (element is null)
                return null;
            var text = new StringBuilder();
            foreach (var node in element.Nodes())
                Append(text, node);
            var joined = string.Join(" ", text.ToString().Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
            return joined.Length == 0 ? null : joined;
        }

        private static void Append(StringBuilder text, XNode node)
        {
            switch (node)
            {
                case XText t:
                    text.Append(t.Value);
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see:
                    var reference = (string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? (string?)see.Attribute("href") ?? see.Value;
                    var name = reference.Contains(':') ? reference[(reference.IndexOf(':') + 1)..] : reference;
                    name = System.Text.RegularExpressions.Regex.Replace(name.Split('(')[0], "`+[0-9]+", "");
                    text.Append(see.Value.Length > 0 ? see.Value : name[(name.LastIndexOf('.') + 1)..]);
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } parameter:
                    text.Append((string?)parameter.Attribute("name"));
                    break;
                case XElement { Name.LocalName: "para" or "br" } paragraph:
                    text.Append(' ');
                    foreach (var child in paragraph.Nodes())
                        Append(text, child);
                    text.Append(' ');
                    break;
                case XElement other:
                    foreach (var child in other.Nodes())
                        Append(text, child);
                    break;
            }
        }
    }
}
