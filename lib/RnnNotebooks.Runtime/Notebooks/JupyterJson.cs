using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RnnNotebooks.Runtime.Notebooks;

/// <summary>
/// Writes JSON the way Jupyter (<c>json.dumps(nb, indent=1, ensure_ascii=False, separators=(",", ": "))</c>)
/// and VS Code (<c>JSON.stringify(nb, null, 1)</c>) do, so an unchanged notebook is written back byte for byte.
/// Key order is kept as read; numbers keep their original lexeme.
/// </summary>
public static class JupyterJson
{
    /// <summary>Parses notebook text into a mutable tree that keeps key order and number lexemes.</summary>
    /// <exception cref="JsonException">The text is not valid JSON.</exception>
    public static JsonNode? Parse(string text) =>
        JsonNode.Parse(text, new JsonNodeOptions { PropertyNameCaseInsensitive = false },
            new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 });

    /// <summary>Serialises <paramref name="node"/> with <paramref name="indent"/> spaces per level.</summary>
    public static string Serialize(JsonNode? node, int indent = 1)
    {
        var sb = new StringBuilder(4096);
        Write(sb, node, indent, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node, int indent, int depth)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                if (obj.Count == 0) { sb.Append("{}"); break; }
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in obj)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    NewLine(sb, indent, depth + 1);
                    WriteString(sb, key);
                    sb.Append(": ");
                    Write(sb, value, indent, depth + 1);
                }
                NewLine(sb, indent, depth);
                sb.Append('}');
                break;
            case JsonArray arr:
                if (arr.Count == 0) { sb.Append("[]"); break; }
                sb.Append('[');
                for (var i = 0; i < arr.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    NewLine(sb, indent, depth + 1);
                    Write(sb, arr[i], indent, depth + 1);
                }
                NewLine(sb, indent, depth);
                sb.Append(']');
                break;
            case JsonValue value:
                WriteValue(sb, value);
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, JsonValue value)
    {
        if (value.TryGetValue(out JsonElement element))
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String: WriteString(sb, element.GetString()!); return;
                case JsonValueKind.Number: sb.Append(element.GetRawText()); return;
                case JsonValueKind.True: sb.Append("true"); return;
                case JsonValueKind.False: sb.Append("false"); return;
                case JsonValueKind.Null: sb.Append("null"); return;
            }
        }
        if (value.TryGetValue(out string? s)) { WriteString(sb, s); return; }
        if (value.TryGetValue(out bool b)) { sb.Append(b ? "true" : "false"); return; }
        if (value.TryGetValue(out int i)) { sb.Append(i.ToString(CultureInfo.InvariantCulture)); return; }
        if (value.TryGetValue(out long l)) { sb.Append(l.ToString(CultureInfo.InvariantCulture)); return; }
        if (value.TryGetValue(out double d)) { sb.Append(FormatDouble(d)); return; }
        // Anything else: let System.Text.Json produce the JSON literal.
        sb.Append(value.ToJsonString());
    }

    /// <summary>Formats a double like Python's <c>repr</c> (shortest round-trip, <c>1.0</c>, <c>1e-05</c>).</summary>
    internal static string FormatDouble(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        if (r.Contains('E'))
        {
            var parts = r.Split('E');
            var exp = int.Parse(parts[1], CultureInfo.InvariantCulture);
            return $"{parts[0]}e{(exp < 0 ? "-" : "+")}{Math.Abs(exp):00}";
        }
        return r.Contains('.') ? r : r + ".0";
    }

    private static void NewLine(StringBuilder sb, int indent, int depth)
    {
        sb.Append('\n');
        sb.Append(' ', indent * depth);
    }

    /// <summary>Escapes like Python's <c>ensure_ascii=False</c>: only quote, backslash and control characters.</summary>
    internal static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
