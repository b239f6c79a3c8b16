using System.Text.Json.Nodes;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Runtime.Notebooks;

/// <summary>
/// Writes a cell's outputs into the notebook as nbformat output objects: consecutive stream text is merged,
/// and <c>update_display_data</c> replaces the earlier output with the same display id, in whichever cell it is.
/// A cell's stream text (stdout and stderr together) is capped at <see cref="MaxStreamCharsPerCell"/> characters,
/// as the kernel caps it; a note says how much was dropped.
/// </summary>
public sealed class NotebookOutputSink : ICellOutputSink
{
    /// <summary>Stream text a cell may write before the rest is dropped: the kernel's limit.</summary>
    public const int MaxStreamCharsPerCell = 1_000_000;

    private readonly Dictionary<string, JsonObject> _displays = [];
    private readonly object _gate = new();
    private JsonArray _outputs = [];
    private long _streamChars;
    private long _droppedChars;
    private JsonObject? _truncationNote;

    /// <summary>Directs the next outputs into <paramref name="cell"/>.</summary>
    public void BeginCell(NotebookCell cell)
    {
        lock (_gate)
        {
            _outputs = cell.Outputs;
            _streamChars = 0;
            _droppedChars = 0;
            _truncationNote = null;
        }
    }

    /// <inheritdoc />
    public void Stream(string name, string text)
    {
        if (string.IsNullOrEmpty(text)) return;
        lock (_gate)
        {
            var room = MaxStreamCharsPerCell - _streamChars;
            if (text.Length > room)
            {
                var kept = (int)Math.Max(0, room);
                if (kept > 0) Append(name, text[..kept]);
                _streamChars += kept;
                _droppedChars += text.Length - kept;
                NoteTruncation();
                return;
            }
            _streamChars += text.Length;
            Append(name, text);
        }
    }

    // Appends to the last output when it is the same stream; costs the length of the new text only.
    private void Append(string name, string text)
    {
        if (_outputs.Count > 0 && _outputs[^1] is JsonObject last && !ReferenceEquals(last, _truncationNote)
            && (string?)last["output_type"] == "stream" && (string?)last["name"] == name && last["text"] is JsonArray lines)
        {
            var added = NotebookText.Split(text);
            var first = 0;
            if (lines.Count > 0 && (string?)lines[^1] is { } open && !open.EndsWith('\n'))
            {
                lines[^1] = open + (string?)added[0];
                first = 1;
            }
            for (var i = first; i < added.Count; i++) lines.Add((string?)added[i]);
            return;
        }
        _outputs.Add(new JsonObject { ["name"] = name, ["output_type"] = "stream", ["text"] = NotebookText.Split(text) });
    }

    private void NoteTruncation()
    {
        var text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"\n[output truncated: this cell wrote more than {MaxStreamCharsPerCell:N0} characters; the rest is not shown]\n")
                   + string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{_droppedChars:N0} characters of output were dropped]\n");
        if (_truncationNote is null)
        {
            _truncationNote = new JsonObject { ["name"] = "stderr", ["output_type"] = "stream" };
            _outputs.Add(_truncationNote);
        }
        _truncationNote["text"] = NotebookText.Split(text);
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
