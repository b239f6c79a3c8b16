namespace RnnNotebooks.Cells;

/// <summary>One example at a time: the friendly face of any <see cref="IRecurrentCell"/>, for teaching and inspection.</summary>
public static class RecurrentCellExtensions
{
    /// <summary>The state every sequence starts from: <see cref="IRecurrentCell.StateSize"/> zeros.</summary>
    public static double[] InitialState(this IRecurrentCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return new double[cell.StateSize];
    }

    /// <summary>One step for one example: returns the output <c>h</c> and the new state.</summary>
    /// <exception cref="ArgumentException">The input or the state has the wrong length.</exception>
    public static (double[] Output, double[] NewState) Step(this IRecurrentCell cell, double[] x, double[] state)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(state);
        if (x.Length != cell.InputSize)
            throw new ArgumentException($"{cell.GetType().Name} expects an input of {cell.InputSize} values; got {x.Length}.", nameof(x));
        if (state.Length != cell.StateSize)
            throw new ArgumentException($"{cell.GetType().Name} expects a state of {cell.StateSize} values; got {state.Length}.", nameof(state));
        var newState = new double[cell.StateSize];
        cell.Step(new CellStep(1, x, state, newState, new double[cell.TapeSize]));
        return (newState[..cell.HiddenSize], newState);
    }
}
