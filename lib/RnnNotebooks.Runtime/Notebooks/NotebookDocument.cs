using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RnnNotebooks.Runtime.Notebooks;

/// <summary>
/// An nbformat 4 notebook (4.0 to 4.5) held as its JSON tree. Everything the engine does not own
/// (metadata, cell ids, attachments, unknown fields) is kept, and an unchanged document is written
/// back byte for byte in the writer's own formatting (indent, key order, trailing newline).
/// </summary>
public sealed class NotebookDocument
{
    private NotebookDocument(JsonObject root, int indent, bool trailingNewline, string? source)
    {
        Root = root;
        Indent = indent;
        TrailingNewline = trailingNewline;
        SourceName = source;
    }

    /// <summary>The notebook's JSON object.</summary>
    public JsonObject Root { get; }

    /// <summary>Spaces per indentation level, detected on read (Jupyter and VS Code use 1).</summary>
    public int Indent { get; }

    /// <summary>Whether the text ends with a newline (Jupyter and VS Code both write one).</summary>
    public bool TrailingNewline { get; }

    /// <summary>Where the notebook was read from, for messages.</summary>
    public string? SourceName { get; }

    /// <summary>nbformat_minor.</summary>
    public int MinorVersion => (int?)Root["nbformat_minor"] ?? 0;

    /// <summary>Notebook-level metadata (created when missing).</summary>
    public JsonObject Metadata => Root["metadata"] as JsonObject ?? (JsonObject)(Root["metadata"] = new JsonObject());

    /// <summary>The cells, numbered from 1.</summary>
    public IReadOnlyList<NotebookCell> Cells =>
        ((JsonArray)Root["cells"]!).Select((c, i) => new NotebookCell((JsonObject)c!, i + 1)).ToList();

    /// <summary>Reads and checks a notebook file.</summary>
    /// <exception cref="NotebookFormatException">Malformed JSON or not nbformat 4.</exception>
    public static NotebookDocument Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path, Encoding.UTF8); }
        catch (IOException e) { throw new NotebookFormatException($"{path}: cannot read the file: {e.Message}", e); }
        return Parse(text, path);
    }

    /// <summary>Parses notebook text; <paramref name="sourceName"/> names it in error messages.</summary>
    /// <exception cref="NotebookFormatException">Malformed JSON or not nbformat 4.</exception>
    public static NotebookDocument Parse(string text, string? sourceName = null)
    {
        var name = sourceName ?? "notebook";
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        JsonNode? node;
        try { node = JupyterJson.Parse(text); }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "";
            throw new NotebookFormatException($"{name}: malformed JSON{where}: expected a Jupyter notebook (nbformat 4), got text that is not valid JSON.", e);
        }
        if (node is not JsonObject root)
            throw new NotebookFormatException($"{name}: expected a JSON object with \"nbformat\": 4 and \"cells\", got {Describe(node)}.");
        var major = root["nbformat"] is JsonValue v && v.TryGetValue(out int m) ? m : (int?)null;
        if (major != 4)
            throw new NotebookFormatException(major is null
                ? $"{name}: expected nbformat 4, got no \"nbformat\" version field."
                : $"{name}: expected nbformat 4, got nbformat {major}. Convert it with `jupyter nbconvert --to notebook --nbformat 4`.");
        if (root["cells"] is not JsonArray cells)
            throw new NotebookFormatException($"{name}: expected a \"cells\" list, got {Describe(root["cells"])}.");
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || cell["cell_type"] is not JsonValue)
                throw new NotebookFormatException($"{name}: cell {i + 1}: expected an object with a \"cell_type\", got {Describe(cells[i])}.");
        }
        return new NotebookDocument(root, DetectIndent(text), text.EndsWith('\n'), sourceName);
    }

    /// <summary>Creates an empty nbformat 4.5 notebook with the C# kernelspec and language_info.</summary>
    public static NotebookDocument CreateNew()
    {
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(),
            ["metadata"] = NotebookMetadata.CSharp(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return new NotebookDocument(root, 1, true, null);
    }

    /// <summary>The notebook as text, in the formatting it was read with.</summary>
    public string Serialize()
    {
        var text = JupyterJson.Serialize(Root, Indent);
        return TrailingNewline ? text + "\n" : text;
    }

    /// <summary>A deep copy, to execute without touching the original.</summary>
    public NotebookDocument Clone() =>
        new((JsonObject)Root.DeepClone(), Indent, TrailingNewline, SourceName);

    private static int DetectIndent(string text)
    {
        var nl = text.IndexOf('\n');
        if (nl < 0) return 1;
        var spaces = 0;
        while (nl + 1 + spaces < text.Length && text[nl + 1 + spaces] == ' ') spaces++;
        return spaces == 0 ? 1 : spaces;
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        _ => $"the value {node.ToJsonString()}",
    };
}
