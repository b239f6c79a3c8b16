namespace RnnNotebooks.Recurrent;

/// <summary>A backpropagation-through-time rule: full, or truncated to k steps in one of two ways.</summary>
/// <param name="Kind">Which rule.</param>
/// <param name="Steps">k for the truncated rules; 0 for <see cref="BpttKind.Full"/>.</param>
public sealed record Bptt(BpttKind Kind, int Steps)
{
    /// <summary>Full backpropagation through time.</summary>
    public static Bptt Full { get; } = new(BpttKind.Full, 0);

    /// <summary>Detach the state every <paramref name="k"/> steps (PyTorch's truncated BPTT).</summary>
    public static Bptt DetachEvery(int k) => new(BpttKind.DetachEvery, Positive(k));

    /// <summary>Each output's gradient flows back at most <paramref name="k"/> steps before its own.</summary>
    public static Bptt Window(int k) => new(BpttKind.Window, k >= 0 ? k : throw new ArgumentOutOfRangeException(nameof(k), k, "Expected k ≥ 0 steps back."));

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        BpttKind.Full => "full BPTT",
        BpttKind.DetachEvery => $"BPTT detached every {Steps} steps",
        _ => $"BPTT truncated to {Steps} steps back",
    };

    private static int Positive(int k) => k > 0 ? k : throw new ArgumentOutOfRangeException(nameof(k), k, "Expected a positive number of steps.");
}
