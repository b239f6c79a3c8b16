using System.Globalization;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>Reads an assembly's XML documentation file so inspection can show summaries.</summary>
internal sealed class XmlDocumentation(string path) : DocumentationProvider
{
    private readonly Lazy<Dictionary<string, string>> _members = new(() => Load(path));

    protected override string GetDocumentationForSymbol(string documentationMemberID, CultureInfo preferredCulture, CancellationToken cancellationToken = default) =>
        _members.Value.TryGetValue(documentationMemberID, out var xml) ? xml : "";

    private static Dictionary<string, string> Load(string path)
    {
        try
        {
            return XDocument.Load(path).Descendants("member")
                .Where(m => m.Attribute("name") is not null)
                .GroupBy(m => (string)m.Attribute("name")!)
                .ToDictionary(g => g.Key, g => g.First().ToString());
        }
        catch (Exception e) when (e is IOException or System.Xml.XmlException) { return []; }
    }

    public override bool Equals(object? obj) => obj is XmlDocumentation other && other._members == _members;

    public override int GetHashCode() => path.GetHashCode(StringComparison.Ordinal);
}
