namespace RnnNotebooks.Bench.Kernels;

/// <summary>
/// One matrix product as a layer calls it. Operands are stored row-major (A as <c>[k×m]</c> when transposed, B as
/// <c>[n×k]</c>), with <paramref name="PadA"/>, <paramref name="PadB"/> and <paramref name="PadC"/> extra values after
/// each stored row, as when a product reads the h half of an LSTM's <c>[h, c]</c> state rows in place.
/// </summary>
public sealed record GemmShape(string Name, int M, int K, int N, bool TransposeA, bool TransposeB, bool Accumulate,
    double? Target = null, int PadA = 0, int PadB = 0, int PadC = 0)
{
    /// <summary>Floating-point operations of one call: a multiply and an add per term.</summary>
    public double Flops => 2.0 * M * K * N;

    /// <summary>Bytes of A, B and C, each read once (C too when accumulating) and C written once.</summary>
    public double OperandBytes => 8.0 * ((double)M * K + (double)K * N + (Accumulate ? 2.0 : 1.0) * M * N);

    /// <summary>Stored rows and columns of A.</summary>
    public (int Rows, int Cols) StoredA => TransposeA ? (K, M) : (M, K);

    /// <summary>Stored rows and columns of B.</summary>
    public (int Rows, int Cols) StoredB => TransposeB ? (N, K) : (K, N);

    /// <summary>
    /// The products of the LSTM fast path on seed 001's task (batch 32 as two halves of 16, 20 steps, 32 units), each with
    /// the target share of one core's peak; then the input projection of one feature as a product (the fast path adds it
    /// in its row pass instead), Dense(1), a 16-unit RNN on one example, and a square product. dW_ih and dx at one input
    /// feature read each value of dA for one multiply-add, so the cache's bandwidth caps them near half a core's peak
    /// (the table's bound column); for a series the fast path computes both, with the bias sums, in one pass over dA.
    /// </summary>
    public static IReadOnlyList<GemmShape> Recurrent { get; } =
    [
        new("LSTM step h·W_hhᵀ     [16×32]·[32×128]", 16, 32, 128, false, false, true, 0.5, PadA: 32),
        new("LSTM step dh=dA·W_hh  [16×128]·[128×32]", 16, 128, 32, false, false, false, 0.5, PadC: 32),
        new("LSTM dW_hh+=dAᵀ·h  [128×320]·[320×32]", 128, 320, 32, true, false, true, 0.5, PadB: 32),
        new("LSTM dW_ih+=dAᵀ·x   [128×320]·[320×1]", 128, 320, 1, true, false, true, 0.5),
        new("LSTM dx=dA·W_ih     [320×128]·[128×1]", 320, 128, 1, false, false, false, 0.5),
        new("outer product x·W_ihᵀ  [16×1]·[1×128]", 16, 1, 128, false, false, false),
        new("Dense h·Wᵀ           [32×32]·[32×1]", 32, 32, 1, false, true, false),
        new("Dense dW+=dyᵀ·h      [1×32]·[32×32]", 1, 32, 32, true, false, true),
        new("RNN16 h·W_hhᵀ       [1×16]·[16×16]", 1, 16, 16, false, false, true),
        new("RNN16 dh=dz·W_hh    [3×16]·[16×16]", 3, 16, 16, false, false, false),
        new("square           [256×256]·[256×256]", 256, 256, 256, false, false, false, 0.7),
    ];
}
