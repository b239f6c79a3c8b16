using System.Text;
using System.Text.RegularExpressions;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>Finds <c>#r</c> and <c>#!</c> directives at the start of lines.</summary>
public static partial class DirectiveParser
{
    [GeneratedRegex("""^\s*#r\s+"(?<body>[^"]*)"\s*(//.*)?$""")]
    private static partial Regex Reference();

    [GeneratedRegex("""^\s*#load\s+"(?<path>[^"]+)"\s*(//.*)?$""")]
    private static partial Regex Load();

    [GeneratedRegex("""^\s*#(r|load|i)\b""")]
    private static partial Regex AnyDirective();

    [GeneratedRegex("""^\s*#!(?<name>\S+)""")]
    private static partial Regex Magic();

    /// <summary>Splits <paramref name="cell"/> into directives and compilable code.</summary>
    public static ParsedCell Parse(string cell)
    {
        var directives = new List<Directive>();
        var errors = new List<DirectiveError>();
        var code = new StringBuilder(cell.Length);
        var lines = cell.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i];
            var line = raw.TrimEnd('\r');
            var number = i + 1;
            var handled = true;
            if (Reference().Match(line) is { Success: true } m)
            {
                var body = m.Groups["body"].Value.Trim();
                if (ParseReference(body, number, out var directive, out var error)) directives.Add(directive!);
                else errors.Add(error!);
            }
            else if (Load().Match(line) is { Success: true } load)
            {
                directives.Add(new Directive(DirectiveKind.Load, load.Groups["path"].Value.Trim(), null, number));
                handled = false;
            }
            else if (Magic().Match(line) is { Success: true } magic)
            {
                var name = magic.Groups["name"].Value;
                if (name is not ("csharp" or "c#" or "C#"))
                    errors.Add(new DirectiveError(number, $"unknown directive '#!{name}': this runtime runs C# only; expected '#r \"nuget: Name, Version\"' or '#r \"project: Name\"'."));
            }
            else if (AnyDirective().IsMatch(line))
            {
                errors.Add(new DirectiveError(number, $"unknown directive '{line.Trim()}': expected '#r \"nuget: Name, Version\"', '#r \"project: Name\"', '#r \"path/to/Assembly.dll\"' or '#load \"path/to/script.csx\"'."));
            }
            else handled = false;

            code.Append(handled ? (raw.EndsWith('\r') ? "\r" : "") : raw);
            if (i < lines.Length - 1) code.Append('\n');
        }
        return new ParsedCell(code.ToString(), directives, errors);
    }

    private static bool ParseReference(string body, int line, out Directive? directive, out DirectiveError? error)
    {
        directive = null;
        error = null;
        var colon = body.IndexOf(':');
        var scheme = colon > 1 ? body[..colon].Trim().ToLowerInvariant() : "";
        switch (scheme)
        {
            case "nuget":
            {
                var parts = body[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries);
                if (parts.Length is < 1 or > 2 || parts[0].Length == 0 || parts[0].Contains(' '))
                {
                    error = new DirectiveError(line, $"malformed package reference '#r \"{body}\"': expected '#r \"nuget: Name, Version\"' or '#r \"nuget: Name\"'.");
                    return false;
                }
                directive = new Directive(DirectiveKind.NuGet, parts[0], parts.Length == 2 && parts[1].Length > 0 ? parts[1] : null, line);
                return true;
            }
            case "project":
            {
                var name = body[(colon + 1)..].Trim();
                if (name.Length == 0 || name.IndexOfAny([' ', '/', '\\']) >= 0)
                {
                    error = new DirectiveError(line, $"malformed project reference '#r \"{body}\"': expected '#r \"project: Name\"' naming a project under lib/.");
                    return false;
                }
                directive = new Directive(DirectiveKind.Project, name, null, line);
                return true;
            }
            case "":
            case var s when s.Length == 1: // a Windows drive letter
                if (body.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                {
                    directive = new Directive(DirectiveKind.Assembly, body, null, line);
                    return true;
                }
                error = new DirectiveError(line, $"unknown reference '#r \"{body}\"': expected 'nuget: Name, Version', 'project: Name' or a path to a .dll.");
                return false;
            default:
                error = new DirectiveError(line, $"unknown reference kind '{scheme}:' in '#r \"{body}\"': expected 'nuget:' or 'project:'.");
                return false;
        }
    }
}
