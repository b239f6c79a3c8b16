namespace RnnNotebooks.Recurrent;

/// <summary>How far gradients flow back through time.</summary>
public enum BpttKind
{
    /// <summary>Full backpropagation through time: every step's gradient reaches the first step.</summary>
    Full,

    /// <summary>
    /// PyTorch-style truncation: the sequence is cut into chunks of k steps (0…k−1, k…2k−1, …) and the
    /// state entering each chunk is detached, so no gradient crosses a chunk boundary.
    /// </summary>
    DetachEvery,

    /// <summary>
    /// The from-scratch tutorials' truncation: the output gradient of step t flows back through
    /// steps t, t−1, …, t−k and no further (k steps back beyond its own step).
    /// </summary>
    Window,
}
