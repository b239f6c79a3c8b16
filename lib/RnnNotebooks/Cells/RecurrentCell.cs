using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using RnnNotebooks.Init;

namespace RnnNotebooks.Cells;

/// <summary>
/// Base class of the built-in cells: argument checks, workspaces and the friendly
/// one-example API, so each cell only writes its equations.
/// </summary>
public abstract class RecurrentCell : IRecurrentCell, IInitializable
{
    private readonly List<Parameter> _parameters = [];
    private double[]? _windowWork;

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
    internal virtual void ForwardSequence(double[] xs, double[] states, double[] tapes, int batch, int time)
    {
        int xn = batch * InputSize, sn = batch * StateSize, tn = batch * TapeSize;
        for (int t = 0; t < time; t++)
            Forward(xs.AsSpan(t * xn, xn), states.AsSpan(t * sn, sn), states.AsSpan((t + 1) * sn, sn), tapes.AsSpan(t * tn, tn), batch);
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
    internal virtual void BackwardSequence(double[] xs, double[] states, double[] tapes,
        double[] outputGradients, bool everyStep, int detachEvery, double[] dxs, double[] stateGrads, int batch, int time)
    {
        int xn = batch * InputSize, sn = batch * StateSize, tn = batch * TapeSize;
        var last = stateGrads.AsSpan(time * sn, sn);
        last.Clear();
        AddOutputGradient(outputGradients, everyStep, time - 1, last, batch, time);
        for (int t = time - 1; t >= 0; t--)
        {
            var dPrev = stateGrads.AsSpan(t * sn, sn);
            Backward(xs.AsSpan(t * xn, xn), states.AsSpan(t * sn, sn), states.AsSpan((t + 1) * sn, sn), tapes.AsSpan(t * tn, tn),
                stateGrads.AsSpan((t + 1) * sn, sn), dxs.AsSpan(t * xn, xn), dPrev, batch);
            EnterPreviousStep(outputGradients, everyStep, detachEvery, t, dPrev, batch, time);
        }
    }

    /// <summary>
    /// Backward under <see cref="Recurrent.BpttKind.Window"/> truncation: the output gradient of step t flows back
    /// through steps t … t − <paramref name="window"/>. Parameters as in <see cref="BackwardSequence"/>, except that
    /// only index 0 of <paramref name="stateGrads"/> is meaningful (the others are zero).
    /// </summary>
    internal virtual void BackwardWindow(double[] xs, double[] states, double[] tapes,
        double[] outputGradients, bool everyStep, int window, double[] dxs, double[] stateGrads, int batch, int time)
    {
        int xn = batch * InputSize, sn = batch * StateSize, tn = batch * TapeSize;
        dxs.AsSpan(0, time * xn).Clear();
        stateGrads.AsSpan(0, (time + 1) * sn).Clear();
        var work = Workspace(ref _windowWork, 2 * sn + xn);
        Span<double> dA = work.AsSpan(0, sn), dB = work.AsSpan(sn, sn), dxStep = work.AsSpan(2 * sn, xn);
        for (int t = everyStep ? 0 : time - 1; t < time; t++)
        {
            dA.Clear();
            AddOutputGradient(outputGradients, everyStep, t, dA, batch, time);
            int stop = Math.Max(0, t - window);
            for (int j = t; j >= stop; j--)
            {
                Backward(xs.AsSpan(j * xn, xn), states.AsSpan(j * sn, sn), states.AsSpan((j + 1) * sn, sn), tapes.AsSpan(j * tn, tn),
                    dA, dxStep, dB, batch);
                System.Numerics.Tensors.TensorPrimitives.Add(dxs.AsSpan(j * xn, xn), dxStep, dxs.AsSpan(j * xn, xn));
                var swap = dA;
                dA = dB;
                dB = swap;
            }
            if (stop == 0) System.Numerics.Tensors.TensorPrimitives.Add(stateGrads.AsSpan(0, sn), dA, stateGrads.AsSpan(0, sn));
        }
    }

    /// <summary>
    /// Prepares dLoss/dState(t) after step t's backward wrote it: cleared if the state entering step t is
    /// detached, plus the output gradient of step t − 1.
    /// </summary>
    private protected void EnterPreviousStep(ReadOnlySpan<double> outputGradients, bool everyStep, int detachEvery, int t,
        Span<double> dPrev, int batch, int time) =>
        EnterPreviousStep(outputGradients, everyStep, detachEvery, t, dPrev, batch, time, 0, batch);

    /// <summary><see cref="EnterPreviousStep(ReadOnlySpan{double}, bool, int, int, Span{double}, int, int)"/> for examples <c>firstRow … endRow − 1</c> only.</summary>
    private protected void EnterPreviousStep(ReadOnlySpan<double> outputGradients, bool everyStep, int detachEvery, int t,
        Span<double> dPrev, int batch, int time, int firstRow, int endRow)
    {
        if (t == 0) return;
        int s = StateSize;
        if (t % detachEvery == 0) dPrev.Slice(firstRow * s, (endRow - firstRow) * s).Clear();
        AddOutputGradient(outputGradients, everyStep, t - 1, dPrev, batch, time, firstRow, endRow);
    }

    /// <summary>Adds the output gradient of step <paramref name="t"/> (if it has one) to the h part of each state row.</summary>
    private protected void AddOutputGradient(ReadOnlySpan<double> outputGradients, bool everyStep, int t, Span<double> dState, int batch, int time) =>
        AddOutputGradient(outputGradients, everyStep, t, dState, batch, time, 0, batch);

    /// <summary><see cref="AddOutputGradient(ReadOnlySpan{double}, bool, int, Span{double}, int, int)"/> for examples <c>firstRow … endRow − 1</c> only.</summary>
    private protected void AddOutputGradient(ReadOnlySpan<double> outputGradients, bool everyStep, int t, Span<double> dState, int batch, int time,
        int firstRow, int endRow)
    {
        if (!everyStep && t != time - 1) return;
        int h = HiddenSize, s = StateSize;
        var g = everyStep ? outputGradients.Slice(t * batch * h, batch * h) : outputGradients[..(batch * h)];
        for (int b = firstRow; b < endRow; b++)
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
        ColumnSums(rows, count, width, sum);
        System.Numerics.Tensors.TensorPrimitives.Add(first[..width], sum, first[..width]);
        System.Numerics.Tensors.TensorPrimitives.Add(second[..width], sum, second[..width]);
    }

    /// <summary>Writes the column sums of <paramref name="rows"/> <c>[count, width]</c>: eight columns at a time down all rows, in a register.</summary>
    private static void ColumnSums(ReadOnlySpan<double> rows, int count, int width, Span<double> sum)
    {
        int j = 0;
        ref double r0 = ref MemoryMarshal.GetReference(rows);
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j <= width - 8; j += 8)
            {
                var acc = Vector512<double>.Zero;
                for (int r = 0; r < count; r++)
                    acc += Vector512.LoadUnsafe(ref r0, (nuint)(r * width + j));
                acc.CopyTo(sum.Slice(j, 8));
            }
        }
        for (; j < width; j++)
        {
            double acc = 0;
            for (int r = 0; r < count; r++) acc += rows[r * width + j];
            sum[j] = acc;
        }
    }

    private void CheckLength(ReadOnlySpan<double> span, int needed, string what, int batch, string sizeName, int size)
    {
        if (span.Length < needed)
            throw new ArgumentException(
                $"{GetType().Name}: {what} needs batch × {sizeName} = {batch} × {size} = {needed} values; got {span.Length}.", what);
    }
}
