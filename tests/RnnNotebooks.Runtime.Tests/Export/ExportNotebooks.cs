using System.Text.Json.Nodes;
using RnnNotebooks.Runtime.Notebooks;

namespace RnnNotebooks.Runtime.Tests.Export;

/// <summary>Small executed notebooks built in memory for the exporter's tests.</summary>
internal static class ExportNotebooks
{
    public static NotebookDocument Of(params JsonObject[] cells)
    {
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(cells.Select(c => (JsonNode)c).ToArray()),
            ["metadata"] = new JsonObject(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return NotebookDocument.Parse(root.ToJsonString(), "test.ipynb");
    }

    public static JsonObject Markdown(string source) => new()
    {
        ["cell_type"] = "markdown",
        ["id"] = Guid.NewGuid().ToString("N")[..8],
        ["metadata"] = new JsonObject(),
        ["source"] = source,
    };

    public static JsonObject Code(string source, params JsonObject[] outputs) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = 1,
        ["id"] = Guid.NewGuid().ToString("N")[..8],
        ["metadata"] = new JsonObject(),
        ["outputs"] = new JsonArray(outputs.Select(o => (JsonNode)o).ToArray()),
        ["source"] = source,
    };

    public static JsonObject Display(string mime, JsonNode value) => new()
    {
        ["output_type"] = "display_data",
        ["data"] = new JsonObject { [mime] = value },
        ["metadata"] = new JsonObject(),
    };

    public static JsonObject Chart(string title) => Display("application/vnd.plotly.v1+json", new JsonObject
    {
        ["data"] = new JsonArray(new JsonObject { ["type"] = "scatter", ["x"] = new JsonArray(1, 2), ["y"] = new JsonArray(3, 4) }),
        ["layout"] = new JsonObject { ["title"] = new JsonObject { ["text"] = title }, ["width"] = 700, ["height"] = 380 },
    });
}
