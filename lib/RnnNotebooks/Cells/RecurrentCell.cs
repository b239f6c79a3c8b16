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

    /// <summary>
    /// Forward over a whole sequence, step-major and unchecked (the caller validated the shapes once):
    /// <paramref name="xs"/> <c>[time, batch, InputSize]</c>, <paramref name="states"/>
    /// <c>[time + 1, batch, StateSize]</c> with the starting state in step 0, <paramref name="tapes"/>
    /// <c>[time, batch, TapeSize]</c>. Cells override it to batch work across steps.
    /// </summary>
    internal virtual void ForwardSequence(ReadOnlySpan<double> xs, Span<double> states, Span<double> tapes, int batch, int time)
    {
        int xn = batch * InputSize, sn = batch * StateSize, tn = batch * TapeSize;
        for (int t = 0; t < time; t++)
            Forward(xs.Slice(t * xn, xn), states.Slice(t * sn, sn), states.Slice((t + 1) * sn, sn), tapes.Slice(t * tn, tn), batch);
    }

    /// <summary>
    /// Backward over the whole sequence of the last <see cref="ForwardSequence"/>: full BPTT, with the
    /// state detached entering every step that is a positive multiple of <paramref name="detachEvery"/>.
    /// </summary>
    /// <param name="xs">The forward's inputs, <c>[time, batch, InputSize]</c>.</param>
    /// <param name="states">The forward's states, <c>[time + 1, batch, StateSize]</c>.</param>
    /// <param name="tapes">The forward's tapes.</param>
    /// <param name="outputGradients">dLoss/dh: <c>[time, batch, HiddenSize]</c> when <paramref name="everyStep"/>, else <c>[batch, HiddenSize]</c> for the last step.</param>
    /// <param name="everyStep">Whether every step has an output gradient.</param>
    /// <param name="detachEvery">Chunk length of the detached truncation; <see cref="int.MaxValue"/> for full BPTT.</param>
    /// <param name="dxs">Written: dLoss/dx, <c>[time, batch, InputSize]</c>.</param>
    /// <param name="stateGrads">Written: dLoss/dState for every state, <c>[time + 1, batch, StateSize]</c>.</param>
    /// <param name="batch">Examples.</param>
    /// <param name="time">Steps.</param>
    internal virtual void BackwardSequence(ReadOnlySpan<double> xs, ReadOnlySpan<double> states, ReadOnlySpan<double> tapes,
        ReadOnlySpan<double> outputGradients, bool everyStep, int detachEvery, Span<double> dxs, Span<double> stateGrads, int batch, int time)
    {
        int xn = batch * InputSize, sn = batch * StateSize, tn = batch * TapeSize;
        var last = stateGrads.Slice(time * sn, sn);
        last.Clear();
        AddOutputGradient(outputGradients, everyStep, time - 1, last, batch, time);
        for (int t = time - 1; t >= 0; t--)
        {
            var dPrev = stateGrads.Slice(t * sn, sn);
            Backward(xs.Slice(t * xn, xn), states.Slice(t * sn, sn), states.Slice((t + 1) * sn, sn), tapes.Slice(t * tn, tn),
                stateGrads.Slice((t + 1) * sn, sn), dxs.Slice(t * xn, xn), dPrev, batch);
            EnterPreviousStep(outputGradients, everyStep, detachEvery, t, dPrev, batch, time);
        }
    }

    /// <summary>
    /// Prepares dLoss/dState(t) after step t's backward wrote it: cleared if the state entering step t is
    /// detached, plus the output gradient of step t − 1.
    /// </summary>
    private protected void EnterPreviousStep(ReadOnlySpan<double> outputGradients, bool everyStep, int detachEvery, int t,
        Span<double> dPrev, int batch, int time)
    {
        if (t == 0) return;
        if (t % detachEvery == 0) dPrev.Clear();
        AddOutputGradient(outputGradients, everyStep, t - 1, dPrev, batch, time);
    }

    /// <summary>Adds the output gradient of step <paramref name="t"/> (if it has one) to the h part of each state row.</summary>
    private protected void AddOutputGradient(ReadOnlySpan<double> outputGradients, bool everyStep, int t, Span<double> dState, int batch, int time)
    {
        if (!everyStep && t != time - 1) return;
        int h = HiddenSize, s = StateSize;
        var g = everyStep ? outputGradients.Slice(t * batch * h, batch * h) : outputGradients[..(batch * h)];
        for (int b = 0; b < batch; b++)
        {
            var row = dState.Slice(b * s, h);
            System.Numerics.Tensors.TensorPrimitives.Add(row, g.Slice(b * h, h), row);
        }
    }

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

    /// <summary>Adds the column sums of <paramref name="rows"/> <c>[count, width]</c> into both bias gradients, summing once.</summary>
    private protected static void AddColumnSums(ReadOnlySpan<double> rows, int count, int width, Span<double> sum, Span<double> first, Span<double> second)
    {
        sum = sum[..width];
        sum.Clear();
        for (int r = 0; r < count; r++)
            System.Numerics.Tensors.TensorPrimitives.Add(sum, rows.Slice(r * width, width), sum);
        System.Numerics.Tensors.TensorPrimitives.Add(first[..width], sum, first[..width]);
        System.Numerics.Tensors.TensorPrimitives.Add(second[..width], sum, second[..width]);
    }

    private void CheckLength(ReadOnlySpan<double> span, int needed, string what, int batch, string sizeName, int size)
    {
        if (span.Length < needed)
            throw new ArgumentException(
                $"{GetType().Name}: {what} needs batch × {sizeName} = {batch} × {size} = {needed} values; got {span.Length}.", what);
    }
}
