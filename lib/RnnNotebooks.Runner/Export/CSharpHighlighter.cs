using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace RnnNotebooks.Runner.Export;

/// <summary>A small C# highlighter for exported pages: comments, strings, keywords, numbers and directives.</summary>
internal static partial class CSharpHighlighter
{
    [GeneratedRegex("""(?<comment>//[^\n]*|/\*[\s\S]*?\*/)|(?<directive>^[ \t]*#[^\n]*)|(?<string>@"(?:[^"]|"")*"|\$?"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)')|(?<number>\b\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?[fFdDmMlLuU]?\b)|(?<word>\b[A-Za-z_]\w*\b)""", RegexOptions.Multiline)]
    private static partial Regex Token();

    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "async", "await", "base", "bool", "break", "case", "catch", "char", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "init", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected", "public",
        "readonly", "record", "ref", "return", "sealed", "short", "sizeof", "static", "string", "struct", "switch", "this",
        "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "var", "virtual", "void",
        "volatile", "when", "where", "while", "yield", "byte", "sbyte", "with", "and", "or", "not", "get", "set", "nameof",
    ];

    public static string ToHtml(string code)
    {
        var sb = new StringBuilder(code.Length * 2);
        var last = 0;
        foreach (Match m in Token().Matches(code))
        {
            sb.Append(WebUtility.HtmlEncode(code[last..m.Index]));
            var text = WebUtility.HtmlEncode(m.Value);
            var cls = m.Groups["comment"].Success ? "c"
                : m.Groups["directive"].Success ? "d"
                : m.Groups["string"].Success ? "s"
                : m.Groups["number"].Success ? "n"
                : Keywords.Contains(m.Value) ? "k"
                : m.Value.Length > 0 && char.IsUpper(m.Value[0]) ? "t" : null;
            sb.Append(cls is null ? text : $"<span class=\"{cls}\">{text}</span>");
            last = m.Index + m.Length;
        }
        sb.Append(WebUtility.HtmlEncode(code[last..]));
        return sb.ToString();
    }
}
