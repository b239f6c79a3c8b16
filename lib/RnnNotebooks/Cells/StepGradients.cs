namespace RnnNotebooks.Cells;

/// <summary>
/// The gradients of one backward step, row-major with the batch of its <see cref="CellStep"/>:
/// <see cref="NewState"/> comes in, <see cref="X"/> and <see cref="State"/> go out.
/// </summary>
public readonly ref struct StepGradients
{
    /// <summary>dLoss/dNewState, <c>[batch, StateSize]</c>: the gradient arriving from later steps and the output.</summary>
    public ReadOnlySpan<double> NewState { get; }

    /// <summary>Written: dLoss/dx, <c>[batch, InputSize]</c>.</summary>
    public Span<double> X { get; }

    /// <summary>Written: dLoss/dState, <c>[batch, StateSize]</c>, the gradient the step passes back.</summary>
    public Span<double> State { get; }

    /// <summary>Gradients for <paramref name="cell"/> and <paramref name="batch"/> rows, each span checked and cut to size.</summary>
    /// <exception cref="ArgumentException">A span is shorter than <paramref name="batch"/> rows of its width.</exception>
    public StepGradients(IRecurrentCell cell, int batch, ReadOnlySpan<double> newState, Span<double> x, Span<double> state)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        NewState = newState[..CellStep.Rows(cell, newState.Length, batch, cell.StateSize, "newState gradient", "StateSize")];
        X = x[..CellStep.Rows(cell, x.Length, batch, cell.InputSize, "x gradient", "InputSize")];
        State = state[..CellStep.Rows(cell, state.Length, batch, cell.StateSize, "state gradient", "StateSize")];
    }

    /// <summary>Gradients whose spans the caller has already cut to size.</summary>
    internal StepGradients(ReadOnlySpan<double> newState, Span<double> x, Span<double> state)
    {
        NewState = newState;
        X = x;
        State = state;
    }
}
