namespace RnnNotebooks.Bench.Harness;

/// <summary>Summary statistics of repeated timings.</summary>
public static class Stats
{
    /// <summary>The middle value (mean of the two middle ones for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("Expected at least one value.", nameof(values));
        var sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
