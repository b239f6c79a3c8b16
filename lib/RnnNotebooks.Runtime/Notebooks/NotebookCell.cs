using System.Text.Json.Nodes;

namespace RnnNotebooks.Runtime.Notebooks;

/// <summary>A view over one cell of a <see cref="NotebookDocument"/>; edits go straight to the underlying JSON.</summary>
public sealed class NotebookCell
{
    internal NotebookCell(JsonObject json, int number)
    {
        Json = json;
        Number = number;
    }

    /// <summary>The cell's JSON object, including every field the engine does not own.</summary>
    public JsonObject Json { get; }

    /// <summary>1-based position of the cell in the notebook.</summary>
    public int Number { get; }

    /// <summary><c>code</c>, <c>markdown</c> or <c>raw</c>.</summary>
    public string CellType => (string?)Json["cell_type"] ?? "";

    /// <summary>Whether this is a code cell.</summary>
    public bool IsCode => CellType == "code";

    /// <summary>The cell's source, joined when stored as a list of lines.</summary>
    public string Source => NotebookText.Join(Json["source"]);

    /// <summary>The cell's outputs (code cells only; created when missing).</summary>
    public JsonArray Outputs
    {
        get
        {
            if (Json["outputs"] is JsonArray outputs) return outputs;
            var created = new JsonArray();
            Json["outputs"] = created;
            return created;
        }
    }

    /// <summary>Sets <c>execution_count</c> (null clears it).</summary>
    public void SetExecutionCount(int? count) => Json["execution_count"] = count is { } c ? JsonValue.Create(c) : null;
}
