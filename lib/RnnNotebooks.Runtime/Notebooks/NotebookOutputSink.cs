using System.Text.Json.Nodes;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Runtime.Notebooks;

/// <summary>
/// Writes a cell's outputs into the notebook as nbformat output objects: consecutive stream text is merged,
/// and <c>update_display_data</c> replaces the earlier output with the same display id, in whichever cell it is.
/// </summary>
public sealed class NotebookOutputSink : ICellOutputSink
{
    private readonly Dictionary<string, JsonObject> _displays = [];
    private readonly object _gate = new();
    private JsonArray _outputs = [];

    /// <summary>Directs the next outputs into <paramref name="cell"/>.</summary>
    public void BeginCell(NotebookCell cell)
    {
        lock (_gate) _outputs = cell.Outputs;
    }

    /// <inheritdoc />
    public void Stream(string name, string text)
    {
        lock (_gate)
        {
            if (_outputs.Count > 0 && _outputs[^1] is JsonObject last && (string?)last["output_type"] == "stream" && (string?)last["name"] == name)
            {
                last["text"] = NotebookText.Split(NotebookText.Join(last["text"]) + text);
                return;
            }
            _outputs.Add(new JsonObject { ["name"] = name, ["output_type"] = "stream", ["text"] = NotebookText.Split(text) });
        }
    }

    /// <inheritdoc />
    public void Display(MimeBundle bundle, string displayId)
    {
        lock (_gate)
        {
            var output = new JsonObject { ["data"] = Data(bundle), ["metadata"] = Metadata(bundle), ["output_type"] = "display_data" };
            _outputs.Add(output);
            _displays[displayId] = output;
        }
    }

    /// <inheritdoc />
    public void UpdateDisplay(MimeBundle bundle, string displayId)
    {
        lock (_gate)
        {
            if (!_displays.TryGetValue(displayId, out var output)) return;
            output["data"] = Data(bundle);
            output["metadata"] = Metadata(bundle);
        }
    }

    /// <inheritdoc />
    public void Result(MimeBundle bundle, int executionCount)
    {
        lock (_gate)
            _outputs.Add(new JsonObject
            {
                ["data"] = Data(bundle),
                ["execution_count"] = executionCount,
                ["metadata"] = Metadata(bundle),
                ["output_type"] = "execute_result",
            });
    }

    /// <inheritdoc />
    public void Error(CellError error)
    {
        lock (_gate)
            _outputs.Add(new JsonObject
            {
                ["ename"] = error.Name,
                ["evalue"] = error.Message,
                ["output_type"] = "error",
                ["traceback"] = new JsonArray(error.Traceback.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
            });
    }

    /// <summary>A bundle's <c>data</c> as nbformat stores it: keys sorted, text split into lines, JSON kept as JSON.</summary>
    public static JsonObject Data(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, value) in bundle.Data.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            data[mime] = value switch
            {
                JsonNode node => node.DeepClone(),
                string text when IsJson(mime) => JsonNode.Parse(text),
                string text => NotebookText.Split(text),
                _ => JsonValue.Create(value.ToString()),
            };
        }
        return data;
    }

    private static JsonObject Metadata(MimeBundle bundle)
    {
        var metadata = new JsonObject();
        if (bundle.Metadata is null) return metadata;
        foreach (var (key, value) in bundle.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            metadata[key] = value is JsonNode n ? n.DeepClone() : JsonValue.Create(value.ToString());
        return metadata;
    }

    private static bool IsJson(string mime) => mime == "application/json" || mime.EndsWith("+json", StringComparison.Ordinal);
}
