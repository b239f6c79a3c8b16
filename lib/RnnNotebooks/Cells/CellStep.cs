namespace RnnNotebooks.Cells;

/// <summary>
/// One time step of a batch as a cell sees it: row-major buffers of <see cref="Batch"/> rows each,
/// <see cref="X"/> <c>[batch, InputSize]</c>, <see cref="State"/> and <see cref="NewState"/>
/// <c>[batch, StateSize]</c>, <see cref="Tape"/> <c>[batch, TapeSize]</c>, each exactly that long.
/// </summary>
/// <remarks>
/// The forward step writes <see cref="NewState"/> and <see cref="Tape"/>; the backward step reads all four as
/// the forward step left them.
/// </remarks>
public readonly ref struct CellStep
{
    /// <summary>Examples in the batch.</summary>
    public int Batch { get; }

    /// <summary>The inputs, <c>[batch, InputSize]</c>.</summary>
    public ReadOnlySpan<double> X { get; }

    /// <summary>The state entering the step, <c>[batch, StateSize]</c>.</summary>
    public ReadOnlySpan<double> State { get; }

    /// <summary>The state leaving the step, <c>[batch, StateSize]</c>.</summary>
    public Span<double> NewState { get; }

    /// <summary>What the forward step keeps for the backward step, <c>[batch, TapeSize]</c>.</summary>
    public Span<double> Tape { get; }

    /// <summary>A step for <paramref name="cell"/>, each span checked against its size and cut to it.</summary>
    /// <exception cref="ArgumentException">A span is shorter than <paramref name="batch"/> rows of its width.</exception>
    public CellStep(IRecurrentCell cell, int batch, ReadOnlySpan<double> x, ReadOnlySpan<double> state, Span<double> newState, Span<double> tape)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        Batch = batch;
        X = x[..Rows(cell, x.Length, batch, cell.InputSize, "x", "InputSize")];
        State = state[..Rows(cell, state.Length, batch, cell.StateSize, "state", "StateSize")];
        NewState = newState[..Rows(cell, newState.Length, batch, cell.StateSize, "newState", "StateSize")];
        Tape = tape[..Rows(cell, tape.Length, batch, cell.TapeSize, "tape", "TapeSize")];
    }

    /// <summary>A step whose spans the caller has already cut to size.</summary>
    internal CellStep(int batch, ReadOnlySpan<double> x, ReadOnlySpan<double> state, Span<double> newState, Span<double> tape)
    {
        Batch = batch;
        X = x;
        State = state;
        NewState = newState;
        Tape = tape;
    }

    internal static int Rows(IRecurrentCell cell, int length, int batch, int width, string what, string widthName)
    {
        long needed = (long)batch * width;
        if (length < needed)
            throw new ArgumentException(
                $"{cell.GetType().Name}: {what} needs batch × {widthName} = {batch} × {width} = {needed} values; got {length}.", what);
        return (int)needed;
    }
}
