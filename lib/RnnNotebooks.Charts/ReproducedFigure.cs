namespace RnnNotebooks.Charts;

/// <summary>One figure of the source next to ours.</summary>
/// <param name="Figure">What is compared.</param>
/// <param name="Source">The source's figure as text (as printed, or the target it states).</param>
/// <param name="Ours">Our value from this run.</param>
/// <param name="Criterion">The test, e.g. "|Δ| ≤ 1e-9" or "≥ 0.95".</param>
/// <param name="Deviation">|ours − source| for closeness tests, else null.</param>
/// <param name="Passed">Whether ours meets the criterion.</param>
public sealed record ReproducedFigure(string Figure, string Source, double Ours, string Criterion, double? Deviation, bool Passed)
{
    /// <summary>
    /// Ours as shown: for a closeness test, with the digits that resolve its tolerance (every digit when it is finer
    /// than 1e-6); for a bound, four significant digits.
    /// </summary>
    public string OursText { get; init; } = NumberFormat.Auto(Ours, 4, trimZeros: true);
}
