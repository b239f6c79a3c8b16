using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RnnNotebooks.Browser.Tests.Support;

/// <summary>A plotly trace as the notebook's output describes it.</summary>
internal sealed record PlotTrace(string Type, string? Name)
{
    public override string ToString() => Name is null ? Type : $"{Type} '{Name}'";
}

/// <summary>One output of a code cell, located by code-cell and output index.</summary>
internal sealed record CellOutput(int CodeCell, int Output, string OutputType, JsonObject Json);

/// <summary>
/// What an nbformat notebook holds that a page must show: its kernel, outputs, plotly charts with their
/// traces, HTML tables, and the math of its markdown. The tests derive every expectation from here, never
/// from a hard-coded list, so they follow the notebooks as they change.
/// </summary>
internal sealed partial class NotebookFile
{
    public const string PlotlyMime = "application/vnd.plotly.v1+json";

    private readonly JsonObject _root;

    private NotebookFile(JsonObject root, string source)
    {
        _root = root;
        Source = source;
    }

    public string Source { get; }

    public static NotebookFile Load(string path)
        => Parse(File.ReadAllText(path), path);

    public static NotebookFile Parse(string json, string source)
        => new(JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"{source}: expected a JSON object (an nbformat notebook)"), source);

    /// <summary>The kernelspec the notebook asks for.</summary>
    public string KernelName => _root["metadata"]?["kernelspec"]?["name"]?.GetValue<string>()
        ?? throw new InvalidDataException($"{Source}: metadata.kernelspec.name is missing");

    private IEnumerable<JsonObject> Cells => _root["cells"]!.AsArray().OfType<JsonObject>();

    private IEnumerable<JsonObject> CodeCells => Cells.Where(c => (string?)c["cell_type"] == "code");

    public int CodeCellCount => CodeCells.Count();

    /// <summary>Every output of every code cell, in order.</summary>
    public IReadOnlyList<CellOutput> Outputs => CodeCells
        .SelectMany((cell, i) => (cell["outputs"]?.AsArray() ?? []).OfType<JsonObject>()
            .Select((output, j) => new CellOutput(i, j, (string)output["output_type"]!, output)))
        .ToList();

    public IReadOnlyList<CellOutput> Errors => Outputs.Where(o => o.OutputType == "error").ToList();

    /// <summary>Code cells that never ran (no execution count).</summary>
    public IReadOnlyList<int> UnexecutedCodeCells => CodeCells
        .Select((cell, i) => (cell, i)).Where(x => x.cell["execution_count"] is null).Select(x => x.i).ToList();

    /// <summary>The plotly charts, in order, each with its traces.</summary>
    public IReadOnlyList<(CellOutput Output, IReadOnlyList<PlotTrace> Traces)> Charts => Outputs
        .Where(o => o.Json["data"]?[PlotlyMime] is not null)
        .Select(o => (o, TracesOf(o.Json["data"]![PlotlyMime]!)))
        .ToList();

    /// <summary>Outputs whose HTML holds a table (and that are not charts).</summary>
    public IReadOnlyList<CellOutput> Tables => Outputs
        .Where(o => o.Json["data"]?[PlotlyMime] is null && Text(o.Json["data"]?["text/html"]) is { } html && html.Contains("<table", StringComparison.OrdinalIgnoreCase))
        .ToList();

    /// <summary>The markdown cells' sources, in order.</summary>
    public IReadOnlyList<string> Markdown => Cells.Where(c => (string?)c["cell_type"] == "markdown").Select(c => Text(c["source"]) ?? "").ToList();

    /// <summary>
    /// The math of the markdown cells, each with its delimiters as written (<c>$x$</c>, <c>$$...$$</c>,
    /// <c>\(...\)</c>, <c>\[...\]</c>), outside code spans and fences. A page that rendered its math shows none of them verbatim.
    /// </summary>
    public IReadOnlyList<string> Math => Markdown
        .Select(WithoutCode)
        .SelectMany(text => MathSpan().Matches(text).Select(m => m.Value))
        .ToList();

    /// <summary>nbformat stores text either as one string or as a list of lines.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        _ => (string?)node,
    };

    private static IReadOnlyList<PlotTrace> TracesOf(JsonNode figure)
    {
        // The mime data is the figure object; some writers store it as a JSON string.
        if (figure is JsonValue value && value.TryGetValue<string>(out var text))
            figure = JsonNode.Parse(text)!;
        return (figure["data"]?.AsArray() ?? []).OfType<JsonObject>()
            .Select(t => new PlotTrace((string?)t["type"] ?? "scatter", (string?)t["name"]))
            .ToList();
    }

    private static string WithoutCode(string markdown) => InlineCode().Replace(Fence().Replace(markdown, ""), "");

    [GeneratedRegex(@"^(```|~~~).*?^\1", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"`+[^`]*`+")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\$\$.+?\$\$|(?<!\\)\$[^$\n]+?(?<!\\)\$|\\\(.+?\\\)|\\\[.+?\\\]", RegexOptions.Singleline)]
    private static partial Regex MathSpan();
}
