namespace RnnNotebooks.Bench.Kernels;

/// <summary>One matrix product as a layer calls it.</summary>
public sealed record GemmShape(string Name, int M, int K, int N, bool TransposeA, bool TransposeB, bool Accumulate)
{
    /// <summary>Floating-point operations of one call: a multiply and an add per term.</summary>
    public double Flops => 2.0 * M * K * N;

    /// <summary>The products of an LSTM(32) on batches of 32, of Dense(1), and of a 16-unit RNN on one example.</summary>
    public static IReadOnlyList<GemmShape> Recurrent { get; } =
    [
        new("LSTM x·W_ihᵀ        [32×1]·[1×128]", 32, 1, 128, false, true, false),
        new("LSTM h·W_hhᵀ       [32×32]·[32×128]", 32, 32, 128, false, true, true),
        new("LSTM dW_hh+=dGᵀ·h [128×32]·[32×32]", 128, 32, 32, true, false, true),
        new("LSTM dW_ih+=dGᵀ·x [128×32]·[32×1]", 128, 32, 1, true, false, true),
        new("LSTM dh=dG·W_hh   [32×128]·[128×32]", 32, 128, 32, false, false, false),
        new("Dense h·Wᵀ          [32×32]·[32×1]", 32, 32, 1, false, true, false),
        new("Dense dW+=dyᵀ·h     [1×32]·[32×32]", 1, 32, 32, true, false, true),
        new("Dense dh=dy·W        [32×1]·[1×32]", 32, 1, 32, false, false, false),
        new("RNN16 x·W_ihᵀ         [1×2]·[2×16]", 1, 2, 16, false, true, false),
        new("RNN16 h·W_hhᵀ       [1×16]·[16×16]", 1, 16, 16, false, true, true),
        new("RNN16 dW_hh+=dzᵀ·h  [16×1]·[1×16]", 16, 1, 16, true, false, true),
        new("RNN16 dh=dz·W_hh    [1×16]·[16×16]", 1, 16, 16, false, false, false),
        new("RNN16 h·W_hyᵀ        [1×16]·[16×2]", 1, 16, 2, false, true, false),
        new("square           [256×256]·[256×256]", 256, 256, 256, false, false, false),
    ];
}
