using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RnnNotebooks.Kernel.Hosting;

/// <summary>
/// The cells this kernel ran, for <c>history_request</c> (a console front end's up-arrow, JupyterLab's console).
/// History lives as long as the kernel process: it is session <see cref="Session"/>, and its lines are the
/// execution counts. <c>tail</c>, <c>range</c> and <c>search</c> (a glob pattern, as IPython's) are answered.
/// Safe to use from several threads.
/// </summary>
internal sealed class ExecutionHistory
{
    /// <summary>The number of this kernel's only session (IPython numbers sessions from 1; 0 means the current one).</summary>
    public const int Session = 1;

    private readonly List<(int Line, string Input, string? Output)> _entries = [];
    private readonly object _gate = new();

    /// <summary>Remembers cell <paramref name="line"/> with its source and the text of its result, if any.</summary>
    public void Record(int line, string input, string? output)
    {
        lock (_gate)
            _entries.Add((line, input, output));
    }

    /// <summary>The <c>history_reply</c> content for a request's content.</summary>
    public JsonObject Reply(JsonObject request)
    {
        var withOutput = Bool(request, "output");
        List<(int Line, string Input, string? Output)> entries;
        lock (_gate)
            entries = [.. _entries];
        var selected = Text(request, "hist_access_type") switch
        {
            "tail" => entries.TakeLast(Math.Max(0, Int(request, "n") ?? 10)),
            "range" => Range(entries, request),
            "search" => Search(entries, request),
            _ => [],
        };
        var history = new JsonArray();
        foreach (var (line, input, output) in selected)
            history.Add(new JsonArray(Session, line, withOutput ? new JsonArray(input, output) : (JsonNode)input));
        return new JsonObject { ["status"] = "ok", ["history"] = history };
    }

    private static IEnumerable<(int Line, string Input, string? Output)> Range(List<(int Line, string Input, string? Output)> entries, JsonObject request)
    {
        if ((Int(request, "session") ?? 0) is not (0 or Session))
            return [];
        var start = Int(request, "start") ?? 0;
        var stop = Int(request, "stop");
        return entries.Where(e => e.Line >= start && (stop is null || e.Line < stop));
    }

    private static IEnumerable<(int Line, string Input, string? Output)> Search(List<(int Line, string Input, string? Output)> entries, JsonObject request)
    {
        var glob = Glob(Text(request, "pattern") ?? "*");
        IEnumerable<(int Line, string Input, string? Output)> found = entries.Where(e => glob.IsMatch(e.Input));
        if (Bool(request, "unique"))
            found = found.Reverse().DistinctBy(e => e.Input).Reverse();
        return Int(request, "n") is { } n ? found.TakeLast(Math.Max(0, n)) : found;
    }

    /// <summary>A glob as SQLite's GLOB reads it (IPython's history search): <c>*</c>, <c>?</c> and <c>[...]</c>, case-sensitive, whole text.</summary>
    private static Regex Glob(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    regex.Append("[\\s\\S]*");
                    break;
                case '?':
                    regex.Append("[\\s\\S]");
                    break;
                case '[' when pattern.IndexOf(']', i + 1) is var close and > 0:
                    var set = pattern[(i + 1)..close];
                    regex.Append('[').Append(set.StartsWith('^') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    private static string? Text(JsonObject content, string name)
        => content[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool Bool(JsonObject content, string name)
        => content[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static int? Int(JsonObject content, string name)
        => content[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
}
