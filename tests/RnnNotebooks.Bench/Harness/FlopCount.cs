namespace RnnNotebooks.Bench.Harness;

/// <summary>A FLOP count split into the matrix products and the elementwise rest.</summary>
public sealed record FlopCount(double MatrixProducts, double Elementwise, string Derivation)
{
    /// <summary>Both parts together.</summary>
    public double Total => MatrixProducts + Elementwise;
}
