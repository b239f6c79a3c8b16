namespace RnnNotebooks.Recurrent;

/// <summary>
/// The state gradients a backward step receives and passes back, one lane per output whose gradient is
/// still flowing through the step. Full and detached BPTT carry one lane (the sum of every output's
/// gradient); window truncation carries one per output within k steps, because each stops on its own.
/// </summary>
/// <remarks>
/// Both buffers are <c>[Count, rows, StateSize]</c>, lane-major: lane row <c>r</c> belongs to example
/// <c>rows.First + r % rows.Count</c> and so to that example's forward step. With <see cref="Count"/> 0
/// no gradient reaches the step at all.
/// </remarks>
internal readonly ref struct LaneGradients(int count, ReadOnlySpan<double> newState, Span<double> state)
{
    /// <summary>Lanes.</summary>
    public int Count { get; } = count;

    /// <summary>dLoss/dNewState of the step, per lane.</summary>
    public ReadOnlySpan<double> NewState { get; } = newState;

    /// <summary>Written: dLoss/dState entering the step, per lane.</summary>
    public Span<double> State { get; } = state;
}
