using System.Text.Json.Nodes;

namespace RnnNotebooks.Runtime.Notebooks;

/// <summary>nbformat's multiline strings: a string or a list of lines.</summary>
public static class NotebookText
{
    /// <summary>Joins a multiline string (a string or list of strings) into one string.</summary>
    public static string Join(JsonNode? node) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => (string?)l ?? "")),
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => node.ToString(),
    };

    /// <summary>Splits text into lines that keep their <c>\n</c>, as nbformat writes sources and text outputs.</summary>
    public static JsonArray Split(string text)
    {
        var array = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            array.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) array.Add(text[start..]);
        return array;
    }
}
