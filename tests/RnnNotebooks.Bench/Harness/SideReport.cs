namespace RnnNotebooks.Bench.Harness;

/// <summary>One side's timed runs of a workload.</summary>
public sealed record SideReport(IReadOnlyList<double> Seconds, IReadOnlyDictionary<string, object?>? Result, string? Error)
{
    /// <summary>The median run, or null when nothing ran.</summary>
    public double? Median => Seconds.Count == 0 ? null : Stats.Median(Seconds);
}
