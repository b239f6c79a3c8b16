using RnnNotebooks.Init;

namespace RnnNotebooks.Cells;

/// <summary>
/// Base class of the built-in cells: argument checks, workspaces and the friendly
/// one-example API, so each cell only writes its equations.
/// </summary>
public abstract class RecurrentCell : IRecurrentCell, IInitializable
{
    private readonly List<Parameter> _parameters = [];

    /// <summary>Sets the sizes shared by every cell.</summary>
    protected RecurrentCell(int inputSize, int hiddenSize, int stateSize, int tapeSize)
    {
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "Expected a positive input size.");
        if (hiddenSize <= 0) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, "Expected a positive hidden size.");
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        StateSize = stateSize;
        TapeSize = tapeSize;
    }

    /// <inheritdoc />
    public int InputSize { get; }

    /// <inheritdoc />
    public int HiddenSize { get; }

    /// <inheritdoc />
    public int StateSize { get; }

    /// <inheritdoc />
    public int TapeSize { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Creates a parameter and adds it to <see cref="Parameters"/>, in call order.</summary>
    protected Parameter AddParameter(string name, params int[] shape)
    {
        var p = new Parameter(name, shape);
        _parameters.Add(p);
        return p;
    }

    /// <inheritdoc />
    public virtual void InitialState(Span<double> state, int batch) => state[..(batch * StateSize)].Clear();

    /// <inheritdoc />
    public void Step(ReadOnlySpan<double> x, ReadOnlySpan<double> state, Span<double> newState, Span<double> tape, int batch)
    {
        CheckLength(x, batch * InputSize, "x", batch, "InputSize", InputSize);
        CheckLength(state, batch * StateSize, "state", batch, "StateSize", StateSize);
        CheckLength(newState, batch * StateSize, "newState", batch, "StateSize", StateSize);
        CheckLength(tape, batch * TapeSize, "tape", batch, "TapeSize", TapeSize);
        Forward(x[..(batch * InputSize)], state[..(batch * StateSize)], newState[..(batch * StateSize)], tape[..(batch * TapeSize)], batch);
    }

    /// <inheritdoc />
    public void StepBackward(
        ReadOnlySpan<double> x, ReadOnlySpan<double> state, ReadOnlySpan<double> newState, ReadOnlySpan<double> tape,
        ReadOnlySpan<double> newStateGradient, Span<double> inputGradient, Span<double> stateGradient, int batch)
    {
        CheckLength(x, batch * InputSize, "x", batch, "InputSize", InputSize);
        CheckLength(state, batch * StateSize, "state", batch, "StateSize", StateSize);
        CheckLength(newState, batch * StateSize, "newState", batch, "StateSize", StateSize);
        CheckLength(tape, batch * TapeSize, "tape", batch, "TapeSize", TapeSize);
        CheckLength(newStateGradient, batch * StateSize, "newStateGradient", batch, "StateSize", StateSize);
        CheckLength(inputGradient, batch * InputSize, "inputGradient", batch, "InputSize", InputSize);
        CheckLength(stateGradient, batch * StateSize, "stateGradient", batch, "StateSize", StateSize);
        Backward(x[..(batch * InputSize)], state[..(batch * StateSize)], newState[..(batch * StateSize)], tape[..(batch * TapeSize)],
            newStateGradient[..(batch * StateSize)], inputGradient[..(batch * InputSize)], stateGradient[..(batch * StateSize)], batch);
    }

    /// <summary>The forward equations; spans are already checked and sliced to size.</summary>
    protected abstract void Forward(ReadOnlySpan<double> x, ReadOnlySpan<double> state, Span<double> newState, Span<double> tape, int batch);

    /// <summary>The backward equations; spans are already checked and sliced to size.</summary>
    protected abstract void Backward(
        ReadOnlySpan<double> x, ReadOnlySpan<double> state, ReadOnlySpan<double> newState, ReadOnlySpan<double> tape,
        ReadOnlySpan<double> dNewState, Span<double> dx, Span<double> dState, int batch);

    /// <inheritdoc />
    public double[] InitialState()
    {
        var state = new double[StateSize];
        InitialState(state, 1);
        return state;
    }

    /// <inheritdoc />
    public (double[] Output, double[] NewState) Step(double[] x, double[] state)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(state);
        if (x.Length != InputSize)
            throw new ArgumentException($"{GetType().Name} expects an input of {InputSize} values; got {x.Length}.", nameof(x));
        if (state.Length != StateSize)
            throw new ArgumentException($"{GetType().Name} expects a state of {StateSize} values; got {state.Length}.", nameof(state));
        var newState = new double[StateSize];
        Step(x, state, newState, new double[TapeSize], 1);
        return (newState[..HiddenSize], newState);
    }

    /// <inheritdoc />
    public abstract void Initialize(WeightInit scheme, RnnNotebooks.Random.NumPyRandom random);

    /// <summary>Grows <paramref name="buffer"/> to at least <paramref name="length"/> values; never shrinks it.</summary>
    protected static double[] Workspace(ref double[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = new double[length];
        return buffer;
    }

    /// <summary>Adds the column sums of <paramref name="rows"/> <c>[batch, width]</c> into <paramref name="destination"/>.</summary>
    protected static void AddColumnSums(ReadOnlySpan<double> rows, Span<double> destination, int batch, int width)
    {
        for (int b = 0; b < batch; b++)
            System.Numerics.Tensors.TensorPrimitives.Add(destination[..width], rows.Slice(b * width, width), destination[..width]);
    }

    private void CheckLength(ReadOnlySpan<double> span, int needed, string what, int batch, string sizeName, int size)
    {
        if (span.Length < needed)
            throw new ArgumentException(
                $"{GetType().Name}: {what} needs batch × {sizeName} = {batch} × {size} = {needed} values; got {span.Length}.", what);
    }
}
