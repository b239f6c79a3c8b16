using System.Text.Json;

namespace RnnNotebooks.Runner;

/// <summary>What a worker reports about one notebook (one JSON line on its stdout).</summary>
internal sealed record WorkerResult
{
    public const string ResultPrefix = "@@result ";
    public const string CellPrefix = "@@cell ";
    public const string LogPrefix = "@@log ";
    public const string CellDonePrefix = "@@done ";
    public const string ProgressPrefix = "@@progress ";

    public required string Status { get; init; }
    public int CodeCells { get; init; }
    public int ExecutedCells { get; init; }
    public int? FailedCell { get; init; }
    public int? Line { get; init; }
    public string? ErrorName { get; init; }
    public string? Message { get; init; }
    public double? FirstCellSeconds { get; init; }
    public string? NotebookOutput { get; init; }
    public string? HtmlOutput { get; init; }

    public string ToLine() => ResultPrefix + JsonSerializer.Serialize(this);

    public static WorkerResult? FromLine(string line) =>
        line.StartsWith(ResultPrefix, StringComparison.Ordinal) ? JsonSerializer.Deserialize<WorkerResult>(line[ResultPrefix.Length..]) : null;
}
