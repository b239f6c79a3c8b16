namespace RnnNotebooks.Experiments.CountingOnes;

/// <summary>
/// The weights (wx, wRec) an optimizer visited, starting point first, with the cost at each. When the
/// run diverged, <see cref="DivergedAt"/> holds the step after which the cost was no longer finite and the
/// path stops at the last point with a finite cost.
/// </summary>
/// <param name="Name">Label for legends and tables.</param>
/// <param name="Wx">wx after 0, 1, 2, … iterations.</param>
/// <param name="WRec">wRec after 0, 1, 2, … iterations.</param>
/// <param name="Cost">The cost at each point.</param>
/// <param name="DivergedAt">The number of steps after which the cost was NaN or infinite, or null.</param>
public sealed record WeightPath(string Name, IReadOnlyList<double> Wx, IReadOnlyList<double> WRec, IReadOnlyList<double> Cost, int? DivergedAt)
{
    /// <summary>Steps on the recorded path (points − 1); fewer than requested when the run diverged.</summary>
    public int Iterations => Wx.Count - 1;

    /// <summary>The final wx.</summary>
    public double FinalWx => Wx[^1];

    /// <summary>The final wRec.</summary>
    public double FinalWRec => WRec[^1];

    /// <summary>The final cost.</summary>
    public double FinalCost => Cost[^1];

    /// <summary>Whether the run blew up.</summary>
    public bool Diverged => DivergedAt is not null;
}
