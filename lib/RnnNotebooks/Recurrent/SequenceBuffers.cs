using System.Runtime.CompilerServices;

namespace RnnNotebooks.Recurrent;

/// <summary>
/// Everything one unrolled batch of sequences keeps: inputs, states, tapes and their gradients, laid out so
/// each step of each part of the batch is one contiguous block of rows.
/// </summary>
/// <remarks>
/// <para>Layout of a buffer with <c>steps</c> steps (Time for inputs and tapes, Time + 1 for states): the
/// parts of the batch follow each other, and within a part the steps do, each step holding the part's
/// rows. With one part this is plain step-major order <c>[steps, batch, width]</c>; with two, each part's
/// rows of every step are one block <c>[steps · Count, width]</c>, so a part's products over all its steps
/// are single matrix products and its memory stays on its core.</para>
/// <para>Buffers only grow: a training loop alternating a full and a short last batch, or training and
/// evaluation batches, would otherwise reallocate every time the shape changes.</para>
/// </remarks>
internal sealed class SequenceBuffers(int inputSize, int hiddenSize, int stateSize, int tapeSize)
{
    private double[][] _lanes = [[], [], [], []];

    /// <summary>Features per input row.</summary>
    public int InputSize { get; } = inputSize;

    /// <summary>Values of the output <c>h</c> per row.</summary>
    public int HiddenSize { get; } = hiddenSize;

    /// <summary>Values per state row.</summary>
    public int StateSize { get; } = stateSize;

    /// <summary>Values per tape row.</summary>
    public int TapeSize { get; } = tapeSize;

    /// <summary>Examples in the current batch.</summary>
    public int Batch { get; private set; }

    /// <summary>Steps of the current sequences.</summary>
    public int Time { get; private set; }

    /// <summary>Parts the batch is split into (1 or 2).</summary>
    public int Parts { get; private set; } = 1;

    /// <summary>Inputs, <see cref="Time"/> steps.</summary>
    public double[] Inputs { get; private set; } = [];

    /// <summary>States, <see cref="Time"/> + 1 steps; step 0 is the starting state.</summary>
    public double[] States { get; private set; } = [];

    /// <summary>Tapes, <see cref="Time"/> steps.</summary>
    public double[] Tapes { get; private set; } = [];

    /// <summary>dLoss/dx, <see cref="Time"/> steps.</summary>
    public double[] InputGradients { get; private set; } = [];

    /// <summary>dLoss/dState, <see cref="Time"/> + 1 steps.</summary>
    public double[] StateGradients { get; private set; } = [];

    /// <summary>
    /// dLoss/dh of the outputs: <see cref="Time"/> steps of <see cref="HiddenSize"/> when <see cref="EveryStepHasOutput"/>,
    /// else the last step's, <c>[batch, HiddenSize]</c> in batch order.
    /// </summary>
    public double[] OutputGradients { get; set; } = [];

    /// <summary>Whether every step has an output (many-to-many) or only the last (many-to-one).</summary>
    public bool EveryStepHasOutput { get; set; }

    /// <summary>Sets the shape, growing the buffers when needed.</summary>
    public void Resize(int batch, int time, int parts)
    {
        Batch = batch;
        Time = time;
        Parts = parts;
        // Stored only when they grow: a reference stored into the heap costs a write barrier, even when unchanged.
        if (Inputs.Length < time * batch * InputSize) Inputs = new double[time * batch * InputSize];
        if (InputGradients.Length < time * batch * InputSize) InputGradients = new double[time * batch * InputSize];
        if (States.Length < (time + 1) * batch * StateSize) States = new double[(time + 1) * batch * StateSize];
        if (StateGradients.Length < (time + 1) * batch * StateSize) StateGradients = new double[(time + 1) * batch * StateSize];
        if (Tapes.Length < time * batch * TapeSize) Tapes = new double[time * batch * TapeSize];
    }

    /// <summary>Part <paramref name="part"/> of the batch.</summary>
    public RowRange Part(int part) =>
        Parts == 1 ? new RowRange(0, 0, Batch)
        : part == 0 ? new RowRange(0, 0, Batch / 2)
        : new RowRange(1, Batch / 2, Batch - Batch / 2);

    /// <summary>First row of <paramref name="rows"/> at step <paramref name="t"/> in a buffer of <see cref="Time"/> steps (inputs, tapes, a kernel's per-step buffers).</summary>
    public int Row(int t, RowRange rows) => Time * rows.First + t * rows.Count;

    /// <summary>First row of <paramref name="rows"/> at step <paramref name="t"/> in a buffer of <see cref="Time"/> + 1 steps (states).</summary>
    private int StateRow(int t, RowRange rows) => (Time + 1) * rows.First + t * rows.Count;

    /// <summary>x of step <paramref name="t"/>, <c>[rows, InputSize]</c>.</summary>
    public Span<double> Input(int t, RowRange rows) => Inputs.AsSpan(Row(t, rows) * InputSize, rows.Count * InputSize);

    /// <summary>x of every step of <paramref name="rows"/>, <c>[Time · rows, InputSize]</c>.</summary>
    public Span<double> InputsOf(RowRange rows) => Inputs.AsSpan(Row(0, rows) * InputSize, Time * rows.Count * InputSize);

    /// <summary>The state entering step <paramref name="t"/> (leaving step t − 1), <c>[rows, StateSize]</c>.</summary>
    public Span<double> State(int t, RowRange rows) => States.AsSpan(StateRow(t, rows) * StateSize, rows.Count * StateSize);

    /// <summary>The states entering steps 0 … Time − 1 of <paramref name="rows"/>, <c>[Time · rows, StateSize]</c>.</summary>
    public Span<double> StatesEnteringSteps(RowRange rows) => States.AsSpan(StateRow(0, rows) * StateSize, Time * rows.Count * StateSize);

    /// <summary>The tape of step <paramref name="t"/>, <c>[rows, TapeSize]</c>.</summary>
    public Span<double> Tape(int t, RowRange rows) => Tapes.AsSpan(Row(t, rows) * TapeSize, rows.Count * TapeSize);

    /// <summary>dLoss/dx of step <paramref name="t"/>, <c>[rows, InputSize]</c>.</summary>
    public Span<double> InputGradient(int t, RowRange rows) => InputGradients.AsSpan(Row(t, rows) * InputSize, rows.Count * InputSize);

    /// <summary>dLoss/dx of every step of <paramref name="rows"/>, <c>[Time · rows, InputSize]</c>.</summary>
    public Span<double> InputGradientsOf(RowRange rows) => InputGradients.AsSpan(Row(0, rows) * InputSize, Time * rows.Count * InputSize);

    /// <summary>dLoss/dState for the state entering step <paramref name="t"/>, <c>[rows, StateSize]</c>.</summary>
    public Span<double> StateGradient(int t, RowRange rows) => StateGradients.AsSpan(StateRow(t, rows) * StateSize, rows.Count * StateSize);

    /// <summary>Whether step <paramref name="t"/> has an output gradient.</summary>
    public bool HasOutput(int t) => EveryStepHasOutput || t == Time - 1;

    /// <summary>dLoss/dh of step <paramref name="t"/>, <c>[rows, HiddenSize]</c>; empty when the step has no output.</summary>
    public ReadOnlySpan<double> OutputGradient(int t, RowRange rows) =>
        EveryStepHasOutput ? OutputGradients.AsSpan(Row(t, rows) * HiddenSize, rows.Count * HiddenSize)
        : t == Time - 1 ? OutputGradients.AsSpan(rows.First * HiddenSize, rows.Count * HiddenSize)
        : default;

    /// <summary>A workspace of <paramref name="length"/> values for the backward pass of part <paramref name="part"/>; <paramref name="which"/> is 0 or 1.</summary>
    public Span<double> LaneBuffer(int part, int which, int length)
    {
        ref var buffer = ref _lanes[2 * part + which];
        if (buffer.Length < length) buffer = new double[length];
        return buffer.AsSpan(0, length);
    }

    /// <summary>
    /// Copies a batch-major <c>[batch, Time, width]</c> tensor into this step-major buffer of <c>Time</c> steps
    /// (inputs, output gradients).
    /// </summary>
    /// <remarks>
    /// The copies between a layer's batch-major tensors and these buffers are compiled fully optimised on first use:
    /// they loop over every example and step, and a one-off training run in a notebook would otherwise spend most of
    /// its time in their unoptimised first tier.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ScatterSteps(ReadOnlySpan<double> batchMajor, int width, Span<double> stepMajor)
    {
        for (int part = 0; part < Parts; part++)
        {
            var rows = Part(part);
            for (int b = 0; b < rows.Count; b++)
            {
                int from = (rows.First + b) * Time * width, to = (Row(0, rows) + b) * width, stride = rows.Count * width;
                if (width == 1)   // a series: one value per step, copied as values rather than as spans
                    for (int t = 0; t < Time; t++) stepMajor[to + t * stride] = batchMajor[from + t];
                else
                    for (int t = 0; t < Time; t++) CopyRow(batchMajor.Slice(from + t * width, width), stepMajor.Slice(to + t * stride, width));
            }
        }
    }

    /// <summary>The reverse of <see cref="ScatterSteps"/>: a step-major buffer of <c>Time</c> steps into <c>[batch, Time, width]</c> (input gradients).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void GatherSteps(ReadOnlySpan<double> stepMajor, int width, Span<double> batchMajor)
    {
        for (int part = 0; part < Parts; part++)
        {
            var rows = Part(part);
            for (int b = 0; b < rows.Count; b++)
            {
                int from = (Row(0, rows) + b) * width, to = (rows.First + b) * Time * width, stride = rows.Count * width;
                if (width == 1)
                    for (int t = 0; t < Time; t++) batchMajor[to + t] = stepMajor[from + t * stride];
                else
                    for (int t = 0; t < Time; t++) CopyRow(stepMajor.Slice(from + t * stride, width), batchMajor.Slice(to + t * width, width));
            }
        }
    }

    /// <summary>
    /// Copies the first <paramref name="width"/> values of each state row of <paramref name="states"/> (a buffer of
    /// <c>Time + 1</c> steps) at steps <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1
    /// into <c>[batch, count, width]</c>: the outputs (<c>h</c> of steps 1 … Time, or of the last), carried and final states.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void GatherStates(ReadOnlySpan<double> states, int first, int count, int width, Span<double> batchMajor)
    {
        for (int part = 0; part < Parts; part++)
        {
            var rows = Part(part);
            for (int b = 0; b < rows.Count; b++)
                for (int t = 0; t < count; t++)
                    CopyRow(states.Slice((StateRow(first + t, rows) + b) * StateSize, width),
                        batchMajor.Slice(((rows.First + b) * count + t) * width, width));
        }
    }

    /// <summary>Whether every starting state is zero (no carried or initial state), so the first step's recurrent terms vanish.</summary>
    public bool StartsFromZero { get; private set; }

    /// <summary>Sets the starting state of every example from <paramref name="source"/> <c>[batch, StateSize]</c>, or to zeros when it is empty.</summary>
    public void SetStartingStates(ReadOnlySpan<double> source)
    {
        StartsFromZero = source.IsEmpty;
        for (int part = 0; part < Parts; part++)
        {
            var rows = Part(part);
            var start = State(0, rows);
            if (source.IsEmpty) start.Clear();
            else CopyRow(source.Slice(rows.First * StateSize, rows.Count * StateSize), start);
        }
    }

    /// <summary>Copies a row; a few values (a one-unit state, a batch of one) are copied as values, cheaper than a call to copy memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRow(ReadOnlySpan<double> from, Span<double> to)
    {
        if (from.Length <= 4)
            for (int i = 0; i < from.Length; i++) to[i] = from[i];
        else from.CopyTo(to);
    }

}
