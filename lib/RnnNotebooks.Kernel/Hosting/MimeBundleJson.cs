using System.Text.Json;
using System.Text.Json.Nodes;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Kernel.Hosting;

/// <summary>Converts engine <see cref="MimeBundle"/>s into the <c>data</c>/<c>metadata</c> JSON of Jupyter messages.</summary>
internal static class MimeBundleJson
{
    /// <summary>Builds <c>data</c> and <c>metadata</c>; a bundle larger than <paramref name="maxChars"/> becomes a note.</summary>
    public static (JsonObject Data, JsonObject Metadata) Convert(MimeBundle bundle, int maxChars)
    {
        var data = new JsonObject();
        long size = 0;
        foreach (var (mime, value) in bundle.Data)
        {
            var node = ToNode(value);
            size += node is JsonValue v && v.TryGetValue<string>(out var s) ? s.Length : node?.ToJsonString().Length ?? 4;
            data[mime] = node;
        }
        var metadata = new JsonObject();
        if (bundle.Metadata is not null)
        {
            foreach (var (key, value) in bundle.Metadata)
                metadata[key] = ToNode(value);
        }
        if (size > maxChars)
        {
            var types = string.Join(", ", bundle.Data.Keys);
            data = new JsonObject
            {
                ["text/plain"] = $"[output not shown: this display ({types}) is {size:N0} characters, above the kernel's limit of {maxChars:N0}]",
            };
            metadata = [];
        }
        return (data, metadata);
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        JsonNode n => n.DeepClone(),
        JsonElement e => JsonNode.Parse(e.GetRawText()),
        _ => JsonSerializer.SerializeToNode(value, value.GetType()),
    };
}
