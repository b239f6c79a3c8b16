using RnnNotebooks.Cells;
using RnnNotebooks.Init;
using RnnNotebooks.Random;
using RnnNotebooks.Serialization;

namespace RnnNotebooks.Recurrent;

/// <summary>
/// The one unroller: runs any <see cref="IRecurrentCell"/> over a batch of sequences
/// <c>[batch, time, InputSize]</c> and backpropagates through time.
/// </summary>
/// <remarks>
/// <para>Output: the last step's <c>h</c>, <c>[batch, H]</c> (many-to-one), or every step's,
/// <c>[batch, time, H]</c> (many-to-many, <see cref="ReturnSequences"/>).</para>
/// <para>The starting state is, in order of precedence: the state carried from the previous call
/// in <see cref="Stateful"/> mode, <see cref="InitialState"/> if set, else the cell's initial state
/// (zeros). <see cref="FinalState"/> is the state after the last step. A carried state is
/// detached: gradients never flow into the previous call.</para>
/// <para>Workspaces (inputs by step, every state, every tape) grow to the largest (batch, time) shape seen
/// and are reused; the time loop allocates nothing. The returned tensors are new.</para>
/// <para>A built-in cell (<see cref="RecurrentCell"/>) gets the whole sequence at once, with shapes checked
/// once here, so it can batch work across steps; any other cell is stepped through its public API.</para>
/// <para>Parameters are the cell's; their state-dict keys get PyTorch's layer suffix (<c>weight_ih_l0</c>).</para>
/// </remarks>
public class RecurrentLayer : ILayer, IInitializable, INamedParameters
{
    private double[] _xs = [], _states = [], _tapes = [], _dxs = [], _dxStep = [], _stateGrads = [];
    private double[] _dA = [], _dB = [], _carry = [], _gradByStep = [];
    private int _batch, _time;
    private bool _hasForward, _hasCarry, _hasBackward;

    /// <summary>Wraps <paramref name="cell"/>.</summary>
    /// <param name="cell">The step function to unroll.</param>
    /// <param name="returnSequences">Return every step's output (many-to-many) rather than the last (many-to-one).</param>
    /// <param name="stateful">Carry the final state into the next <see cref="Forward"/> until <see cref="ResetState"/>.</param>
    /// <param name="bptt">The backpropagation rule; full BPTT when null.</param>
    public RecurrentLayer(IRecurrentCell cell, bool returnSequences = false, bool stateful = false, Bptt? bptt = null)
    {
        Cell = cell ?? throw new ArgumentNullException(nameof(cell));
        ReturnSequences = returnSequences;
        Stateful = stateful;
        Bptt = bptt ?? Bptt.Full;
    }

    /// <summary>The cell being unrolled.</summary>
    public IRecurrentCell Cell { get; }

    /// <summary>Whether the output holds every step (<c>[batch, time, H]</c>) or the last (<c>[batch, H]</c>).</summary>
    public bool ReturnSequences { get; }

    /// <summary>Whether the final state is carried into the next call.</summary>
    public bool Stateful { get; }

    /// <summary>How gradients flow back through time.</summary>
    public Bptt Bptt { get; set; }

    /// <summary>
    /// The state to start from, <c>[batch, StateSize]</c> (an LSTM row is <c>[h, c]</c>), or null for the
    /// cell's initial state. Ignored while a stateful layer carries a state.
    /// </summary>
    public Tensor? InitialState { get; set; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters => Cell.Parameters;

    /// <summary>The number of steps of the last <see cref="Forward"/>.</summary>
    public int SequenceLength => _time;

    /// <summary>The state after the last step of the last <see cref="Forward"/>, <c>[batch, StateSize]</c>.</summary>
    public Tensor FinalState
    {
        get
        {
            RequireForward();
            int n = _batch * Cell.StateSize;
            return new Tensor(_states.AsSpan(_time * n, n).ToArray(), _batch, Cell.StateSize);
        }
    }

    /// <summary>Every state of the last <see cref="Forward"/>, <c>[batch, time + 1, StateSize]</c>; index 0 is the starting state.</summary>
    public Tensor States => Gather(_states, RequireForward());

    /// <summary>
    /// dLoss/dState for every state of the last <see cref="Backward"/>, <c>[batch, time + 1, StateSize]</c>;
    /// index 0 is the starting state. Under <see cref="BpttKind.Window"/> truncation only index 0 is
    /// filled (the other states get many partial gradients).
    /// </summary>
    public Tensor StateGradients
    {
        get
        {
            RequireForward();
            if (!_hasBackward) throw new InvalidOperationException("No backward pass yet: call Backward after Forward.");
            return Gather(_stateGrads, _time);
        }
    }

    /// <summary>dLoss/dStartingState from the last <see cref="Backward"/>, <c>[batch, StateSize]</c>.</summary>
    public Tensor InitialStateGradient
    {
        get
        {
            if (!_hasBackward) throw new InvalidOperationException("No backward pass yet: call Backward after Forward.");
            return new Tensor(_stateGrads.AsSpan(0, _batch * Cell.StateSize).ToArray(), _batch, Cell.StateSize);
        }
    }

    /// <summary>
    /// The state a stateful layer will start its next <see cref="Forward"/> from, <c>[batch, StateSize]</c>,
    /// or null when it carries none. Setting it replaces the carried state (null forgets it).
    /// </summary>
    public Tensor? CarriedState
    {
        get => _hasCarry ? new Tensor((double[])_carry.Clone(), _carry.Length / Cell.StateSize, Cell.StateSize) : null;
        set
        {
            if (value is null)
            {
                _hasCarry = false;
                return;
            }
            if (!Stateful) throw new InvalidOperationException($"{Describe()} is not stateful; set InitialState instead.");
            if (value.Rank != 2 || value.Shape[1] != Cell.StateSize)
                throw new ArgumentException($"{Describe()}: a carried state must have shape [batch, {Cell.StateSize}]; got [{string.Join(", ", value.Shape)}].", nameof(value));
            _carry = (double[])value.Data.Clone();
            _hasCarry = true;
        }
    }

    /// <summary>Forgets the carried state of a stateful layer.</summary>
    public void ResetState() => _hasCarry = false;

    /// <inheritdoc />
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int inSize = Cell.InputSize, s = Cell.StateSize, h = Cell.HiddenSize;
        if (input.Rank != 3)
            throw new ArgumentException(
                $"{Describe()} expects input of shape [batch, time, {inSize}] (rank 3); got [{string.Join(", ", input.Shape)}] (rank {input.Rank}).", nameof(input));
        if (input.Shape[2] != inSize)
            throw new ArgumentException(
                $"{Describe()} expects {inSize} input features per step; got {input.Shape[2]} (input shape [{string.Join(", ", input.Shape)}]).", nameof(input));
        int batch = input.Shape[0], time = input.Shape[1];
        if (batch == 0 || time == 0)
            throw new ArgumentException($"{Describe()} expects at least one sequence of at least one step; got shape [{string.Join(", ", input.Shape)}].", nameof(input));
        if (Stateful && _hasCarry && _carry.Length != batch * s)
            throw new ArgumentException(
                $"{Describe()} is stateful and carries a state for batch {_carry.Length / s}; got batch {batch}. Call ResetState() to start over.", nameof(input));
        Allocate(batch, time);

        // Step-major copy of the input so each step's x is one contiguous [batch, I] block.
        SwapLeadingAxes(input.Data, _xs, batch, time, inSize);

        var start = _states.AsSpan(0, batch * s);
        if (Stateful && _hasCarry) _carry.CopyTo(start);
        else if (InitialState is { } init)
        {
            if (init.Rank != 2 || init.Shape[0] != batch || init.Shape[1] != s)
                throw new ArgumentException(
                    $"{Describe()}: InitialState must have shape [{batch}, {s}]; got [{string.Join(", ", init.Shape)}].", nameof(input));
            init.Data.CopyTo(start);
        }
        else Cell.InitialState(start, batch);

        int xn = batch * inSize, sn = batch * s, tn = batch * Cell.TapeSize;
        // Shapes are checked once here; a built-in cell then runs the whole sequence unchecked.
        if (Cell is RecurrentCell builtIn)
            builtIn.ForwardSequence(_xs, _states, _tapes, batch, time);
        else
            for (int t = 0; t < time; t++)
                Cell.Step(_xs.AsSpan(t * xn, xn), _states.AsSpan(t * sn, sn), _states.AsSpan((t + 1) * sn, sn), _tapes.AsSpan(t * tn, tn), batch);

        if (Stateful)
        {
            if (_carry.Length != sn) _carry = new double[sn];
            _states.AsSpan(time * sn, sn).CopyTo(_carry);
            _hasCarry = true;
        }
        _hasForward = true;
        _hasBackward = false;

        if (!ReturnSequences)
        {
            var last = GC.AllocateUninitializedArray<double>(batch * h);
            for (int b = 0; b < batch; b++) _states.AsSpan(time * sn + b * s, h).CopyTo(last.AsSpan(b * h, h));
            return new Tensor(last, batch, h);
        }
        var all = GC.AllocateUninitializedArray<double>(batch * time * h);
        for (int t = 0; t < time; t++)
            for (int b = 0; b < batch; b++)
                _states.AsSpan((t + 1) * sn + b * s, h).CopyTo(all.AsSpan((b * time + t) * h, h));
        return new Tensor(all, batch, time, h);
    }

    /// <inheritdoc />
    public Tensor Backward(Tensor outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        int time = RequireForward(), batch = _batch, h = Cell.HiddenSize, s = Cell.StateSize, inSize = Cell.InputSize;
        var shape = outputGradient.Shape;
        bool expectedShape = ReturnSequences
            ? shape.Count == 3 && shape[0] == batch && shape[1] == time && shape[2] == h
            : shape.Count == 2 && shape[0] == batch && shape[1] == h;
        if (!expectedShape)
            throw new ArgumentException(
                $"{Describe()} expects an output gradient of shape [{(ReturnSequences ? $"{batch}, {time}, {h}" : $"{batch}, {h}")}]; got [{string.Join(", ", outputGradient.Shape)}].", nameof(outputGradient));

        var g = outputGradient.Data;
        if (Cell is RecurrentCell builtIn) BackwardBuiltIn(builtIn, g);
        else if (Bptt.Kind == BpttKind.Window) BackwardWindowByStep(g);
        else BackwardByStep(g);
        _hasBackward = true;

        var dx = GC.AllocateUninitializedArray<double>(batch * time * inSize);
        SwapLeadingAxes(_dxs, dx, time, batch, inSize);
        return new Tensor(dx, batch, time, inSize);
    }

    /// <summary>A built-in cell runs the whole sequence through its own kernels.</summary>
    private void BackwardBuiltIn(RecurrentCell cell, double[] g)
    {
        var byStep = StepMajorOutputGradient(g);
        if (Bptt.Kind == BpttKind.Window)
            cell.BackwardWindow(_xs, _states, _tapes, byStep, ReturnSequences, Bptt.Steps, _dxs, _stateGrads, _batch, _time);
        else
            cell.BackwardSequence(_xs, _states, _tapes, byStep, ReturnSequences,
                Bptt.Kind == BpttKind.DetachEvery ? Bptt.Steps : int.MaxValue, _dxs, _stateGrads, _batch, _time);
    }

    /// <summary>Window truncation for any cell through its public step API: each output's gradient walks back on its own.</summary>
    private void BackwardWindowByStep(double[] g)
    {
        int time = _time, batch = _batch, xn = batch * Cell.InputSize, sn = batch * Cell.StateSize, tn = batch * Cell.TapeSize;
        Array.Clear(_dxs, 0, time * xn);
        Array.Clear(_stateGrads, 0, (time + 1) * sn);
        for (int t = ReturnSequences ? 0 : time - 1; t < time; t++)
        {
            Array.Clear(_dA, 0, sn);
            AddOutputGradient(g, t, _dA);
            int stop = Math.Max(0, t - Bptt.Steps);
            for (int j = t; j >= stop; j--)
            {
                Cell.StepBackward(_xs.AsSpan(j * xn, xn), _states.AsSpan(j * sn, sn), _states.AsSpan((j + 1) * sn, sn),
                    _tapes.AsSpan(j * tn, tn), _dA.AsSpan(0, sn), _dxStep.AsSpan(0, xn), _dB.AsSpan(0, sn), batch);
                System.Numerics.Tensors.TensorPrimitives.Add(_dxs.AsSpan(j * xn, xn), _dxStep.AsSpan(0, xn), _dxs.AsSpan(j * xn, xn));
                (_dA, _dB) = (_dB, _dA);
            }
            if (stop == 0)
                System.Numerics.Tensors.TensorPrimitives.Add(_stateGrads.AsSpan(0, sn), _dA.AsSpan(0, sn), _stateGrads.AsSpan(0, sn));
        }
    }

    /// <summary>Full or detached BPTT for any cell through its public step API.</summary>
    private void BackwardByStep(double[] g)
    {
        int time = _time, batch = _batch, xn = batch * Cell.InputSize, sn = batch * Cell.StateSize, tn = batch * Cell.TapeSize;
        // _dA holds dLoss/dState(t+1) as it arrives from later steps; the output gradient is added on top.
        Array.Clear(_dA, 0, sn);
        int chunk = Bptt.Kind == BpttKind.DetachEvery ? Bptt.Steps : int.MaxValue;
        for (int t = time - 1; t >= 0; t--)
        {
            if (ReturnSequences || t == time - 1) AddOutputGradient(g, t, _dA);
            _dA.AsSpan(0, sn).CopyTo(_stateGrads.AsSpan((t + 1) * sn, sn));
            Cell.StepBackward(_xs.AsSpan(t * xn, xn), _states.AsSpan(t * sn, sn), _states.AsSpan((t + 1) * sn, sn),
                _tapes.AsSpan(t * tn, tn), _dA.AsSpan(0, sn), _dxs.AsSpan(t * xn, xn), _dB.AsSpan(0, sn), batch);
            (_dA, _dB) = (_dB, _dA);
            if (t > 0 && t % chunk == 0) Array.Clear(_dA, 0, sn);   // the state entering this chunk is detached
        }
        _dA.AsSpan(0, sn).CopyTo(_stateGrads.AsSpan(0, sn));
    }

    /// <summary>The output gradient step-major, <c>[time, batch, H]</c> (many-to-many) or as given, <c>[batch, H]</c>.</summary>
    private double[] StepMajorOutputGradient(double[] g)
    {
        if (!ReturnSequences) return g;
        int h = Cell.HiddenSize, batch = _batch, time = _time;
        if (batch == 1) return g;
        if (_gradByStep.Length < g.Length) _gradByStep = new double[g.Length];
        SwapLeadingAxes(g, _gradByStep, batch, time, h);
        return _gradByStep;
    }

    /// <summary>
    /// Copies <paramref name="source"/> <c>[outer, inner, width]</c> into <paramref name="destination"/> as
    /// <c>[inner, outer, width]</c>: batch-major to step-major and back.
    /// </summary>
    private static void SwapLeadingAxes(ReadOnlySpan<double> source, Span<double> destination, int outer, int inner, int width)
    {
        if (outer == 1 || inner == 1)
        {
            source[..(outer * inner * width)].CopyTo(destination);
            return;
        }
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                var from = source.Slice((o * inner + i) * width, width);
                var to = destination.Slice((i * outer + o) * width, width);
                // Scalar inputs (one feature per step) are common; a span copy per value would dominate.
                if (width == 1) to[0] = from[0];
                else from.CopyTo(to);
            }
    }

    /// <summary>Adds the output gradient of step <paramref name="t"/> to the h part of each state row.</summary>
    private void AddOutputGradient(double[] g, int t, double[] dState)
    {
        int h = Cell.HiddenSize, s = Cell.StateSize, time = _time;
        for (int b = 0; b < _batch; b++)
        {
            int offset = ReturnSequences ? (b * time + t) * h : b * h;
            var row = dState.AsSpan(b * s, h);
            System.Numerics.Tensors.TensorPrimitives.Add(row, g.AsSpan(offset, h), row);
        }
    }

    /// <inheritdoc />
    public void Initialize(WeightInit scheme, NumPyRandom random)
    {
        if (Cell is not IInitializable init)
            throw new InvalidOperationException($"{Cell.GetType().Name} cannot be reinitialised by scheme.");
        init.Initialize(scheme, random);
    }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, Parameter Parameter)> NamedParameters() =>
        [.. Cell.Parameters.Select(p => (p.Name + "_l0", p))];

    /// <inheritdoc />
    public override string ToString() =>
        $"{GetType().Name}({Cell.GetType().Name} {Cell.InputSize}→{Cell.HiddenSize}, {(ReturnSequences ? "many-to-many" : "many-to-one")}{(Stateful ? ", stateful" : "")}, {Bptt})";

    private string Describe() => $"{GetType().Name} ({Cell.GetType().Name} {Cell.InputSize}→{Cell.HiddenSize})";

    private int RequireForward() =>
        _hasForward ? _time : throw new InvalidOperationException($"{Describe()}: call Forward before asking for what it computed.");

    /// <summary>
    /// Sizes the workspaces for (batch, time). They only grow: a training loop alternating a full and a
    /// short last batch, or training and evaluation batches, would otherwise reallocate (and, past 85 kB,
    /// trigger full collections) every time the shape changes.
    /// </summary>
    private void Allocate(int batch, int time)
    {
        int s = Cell.StateSize, inSize = Cell.InputSize;
        Grow(ref _xs, time * batch * inSize);
        Grow(ref _dxs, time * batch * inSize);
        Grow(ref _dxStep, batch * inSize);
        Grow(ref _states, (time + 1) * batch * s);
        Grow(ref _stateGrads, (time + 1) * batch * s);
        Grow(ref _tapes, time * batch * Cell.TapeSize);
        Grow(ref _dA, batch * s);
        Grow(ref _dB, batch * s);
        _batch = batch;
        _time = time;
    }

    private static void Grow(ref double[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new double[length];
    }

    private Tensor Gather(double[] stepMajor, int time)
    {
        int s = Cell.StateSize, batch = _batch;
        var result = new double[batch * (time + 1) * s];
        for (int t = 0; t <= time; t++)
            for (int b = 0; b < batch; b++)
                Array.Copy(stepMajor, (t * batch + b) * s, result, (b * (time + 1) + t) * s, s);
        return new Tensor(result, batch, time + 1, s);
    }
}
