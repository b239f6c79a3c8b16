using RnnNotebooks.Cells;
using RnnNotebooks.Init;
using RnnNotebooks.Layers;
using RnnNotebooks.Random;
using RnnNotebooks.Recurrent.Fused;
using RnnNotebooks.Serialization;

namespace RnnNotebooks.Recurrent;

/// <summary>
/// Keras's <c>RNN(cell)</c>: runs any <see cref="IRecurrentCell"/> over a batch of sequences
/// <c>[batch, time, InputSize]</c> and backpropagates through time.
/// </summary>
/// <remarks>
/// <para>Output: the last step's <c>h</c>, <c>[batch, H]</c> (many-to-one), or every step's,
/// <c>[batch, time, H]</c> (many-to-many, <see cref="ReturnSequences"/>).</para>
/// <para>The starting state is, in order of precedence: the state carried from the previous call
/// in <see cref="Stateful"/> mode, <see cref="InitialState"/> if set, else zeros. <see cref="FinalState"/>
/// is the state after the last step. A carried state is detached: gradients never flow into the
/// previous call.</para>
/// <para>The steps run in <see cref="TimeLoop"/>, the one loop over time, which applies <see cref="Bptt"/>.
/// A built-in cell with a fused whole-sequence kernel (<c>Recurrent/Fused/</c>) runs through it by default
/// (<see cref="UseFastPath"/>); every other cell is stepped through its own
/// <see cref="IRecurrentCell.Step"/> and <see cref="IRecurrentCell.StepBackward"/>. Both give the same
/// numbers, to rounding.</para>
/// <para>Workspaces grow to the largest (batch, time) shape seen and are reused; the time loop allocates
/// nothing. The returned tensors are new.</para>
/// <para>Parameters are the cell's; their state-dict keys get PyTorch's layer suffix (<c>weight_ih_l0</c>).</para>
/// </remarks>
public class RecurrentLayer : ILayer, IInitializable, INamedParameters
{
    private readonly SequenceBuffers _sequence;
    private readonly StepKernel _generic;
    private readonly StepKernel? _fused;
    private StepKernel _kernel;
    private double[] _carry = [], _outputGradients = [];
    private int[]? _outputShape, _inputShape;
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
        _sequence = new SequenceBuffers(cell.InputSize, cell.HiddenSize, cell.StateSize, cell.TapeSize);
        _generic = new GenericSteps(cell);
        _fused = FastPath.For(cell);
        _kernel = _fused ?? _generic;
    }

    /// <summary>The cell being unrolled.</summary>
    public IRecurrentCell Cell { get; }

    /// <summary>Whether the output holds every step (<c>[batch, time, H]</c>) or the last (<c>[batch, H]</c>).</summary>
    public bool ReturnSequences { get; }

    /// <summary>Whether the final state is carried into the next call.</summary>
    public bool Stateful { get; }

    /// <summary>How gradients flow back through time.</summary>
    public Bptt Bptt { get; set; }

    /// <summary>Whether the cell has a fused whole-sequence kernel (the built-in LSTM, GRU and SimpleRNN cells do).</summary>
    public bool HasFastPath => _fused is not null;

    /// <summary>
    /// Whether to run the cell's fused kernel when it has one (the default), or step it through its own
    /// <see cref="IRecurrentCell.Step"/> and <see cref="IRecurrentCell.StepBackward"/>, as any other cell is.
    /// Takes effect at the next <see cref="Forward"/>.
    /// </summary>
    public bool UseFastPath { get; set; } = true;

    /// <summary>
    /// The state to start from, <c>[batch, StateSize]</c> (an LSTM row is <c>[h, c]</c>), or null for zeros.
    /// Ignored while a stateful layer carries a state.
    /// </summary>
    public Tensor? InitialState { get; set; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters => Cell.Parameters;

    /// <summary>The number of steps of the last <see cref="Forward"/>.</summary>
    public int SequenceLength => _hasForward ? _sequence.Time : 0;

    /// <summary>The state after the last step of the last <see cref="Forward"/>, <c>[batch, StateSize]</c>.</summary>
    public Tensor FinalState
    {
        get
        {
            int time = RequireForward(), s = Cell.StateSize;
            var result = new Tensor(_sequence.Batch, s);
            _sequence.GatherStates(_sequence.States, time, 1, s, result.Data);
            return result;
        }
    }

    /// <summary>Every state of the last <see cref="Forward"/>, <c>[batch, time + 1, StateSize]</c>; index 0 is the starting state.</summary>
    public Tensor States => Gather(_sequence.States, RequireForward());

    /// <summary>
    /// dLoss/dState for every state of the last <see cref="Backward"/>, <c>[batch, time + 1, StateSize]</c>;
    /// index 0 is the starting state. Under <see cref="BpttKind.Window"/> truncation only index 0 is
    /// filled (the other states get many partial gradients).
    /// </summary>
    public Tensor StateGradients
    {
        get
        {
            int time = RequireForward();
            RequireBackward();
            return Gather(_sequence.StateGradients, time);
        }
    }

    /// <summary>dLoss/dStartingState from the last <see cref="Backward"/>, <c>[batch, StateSize]</c>.</summary>
    public Tensor InitialStateGradient
    {
        get
        {
            RequireBackward();
            int s = Cell.StateSize;
            var result = new Tensor(_sequence.Batch, s);
            _sequence.GatherStates(_sequence.StateGradients, 0, 1, s, result.Data);
            return result;
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
        var dims = input.Dims;
        if (dims.Length != 3)
            throw new ArgumentException(
                $"{Describe()} expects input of shape [batch, time, {inSize}] (rank 3); got [{string.Join(", ", input.Shape)}] (rank {input.Rank}).", nameof(input));
        if (dims[2] != inSize)
            throw new ArgumentException(
                $"{Describe()} expects {inSize} input features per step; got {dims[2]} (input shape [{string.Join(", ", input.Shape)}]).", nameof(input));
        int batch = dims[0], time = dims[1];
        if (batch == 0 || time == 0)
            throw new ArgumentException($"{Describe()} expects at least one sequence of at least one step; got shape [{string.Join(", ", input.Shape)}].", nameof(input));
        if (Stateful && _hasCarry && _carry.Length != batch * s)
            throw new ArgumentException(
                $"{Describe()} is stateful and carries a state for batch {_carry.Length / s}; got batch {batch}. Call ResetState() to start over.", nameof(input));
        var init = Stateful && _hasCarry ? null : InitialState;
        if (init is not null && !init.Dims.SequenceEqual([batch, s]))
            throw new ArgumentException(
                $"{Describe()}: InitialState must have shape [{batch}, {s}]; got [{string.Join(", ", init.Shape)}].", nameof(input));

        var kernel = UseFastPath ? _fused ?? _generic : _generic;
        if (!ReferenceEquals(kernel, _kernel)) _kernel = kernel;
        var sequence = _sequence;
        sequence.Resize(batch, time, _kernel.Parts(batch));
        sequence.SetStartingStates(Stateful && _hasCarry ? _carry : init is not null ? init.Data : default);
        sequence.ScatterSteps(input.Data, inSize, sequence.Inputs);

        TimeLoop.Forward(_kernel, sequence);

        if (Stateful)
        {
            if (_carry.Length != batch * s) _carry = new double[batch * s];
            sequence.GatherStates(sequence.States, time, 1, s, _carry);
            _hasCarry = true;
        }
        _hasForward = true;
        _hasBackward = false;

        if (!ReturnSequences)
        {
            var last = GC.AllocateUninitializedArray<double>(batch * h);
            sequence.GatherStates(sequence.States, time, 1, h, last);
            return Tensor.Wrap(last, Shapes.Cached(ref _outputShape, batch, h));
        }
        var all = GC.AllocateUninitializedArray<double>(batch * time * h);
        sequence.GatherStates(sequence.States, 1, time, h, all);
        return Tensor.Wrap(all, Shapes.Cached(ref _outputShape, batch, time, h));
    }

    /// <inheritdoc />
    public Tensor Backward(Tensor outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        var sequence = _sequence;
        int time = RequireForward(), batch = sequence.Batch, h = Cell.HiddenSize, inSize = Cell.InputSize;
        var shape = outputGradient.Dims;
        bool expectedShape = ReturnSequences
            ? shape.Length == 3 && shape[0] == batch && shape[1] == time && shape[2] == h
            : shape.Length == 2 && shape[0] == batch && shape[1] == h;
        if (!expectedShape)
            throw new ArgumentException(
                $"{Describe()} expects an output gradient of shape [{(ReturnSequences ? $"{batch}, {time}, {h}" : $"{batch}, {h}")}]; got [{string.Join(", ", outputGradient.Shape)}].", nameof(outputGradient));

        var g = outputGradient.Data;
        sequence.EveryStepHasOutput = ReturnSequences;
        // Many-to-one gradients are read in batch order; a single sequence is already in step order.
        if (!ReturnSequences || batch == 1) sequence.OutputGradients = g;
        else
        {
            if (_outputGradients.Length < g.Length) _outputGradients = new double[g.Length];
            sequence.ScatterSteps(g, h, _outputGradients);
            sequence.OutputGradients = _outputGradients;
        }

        TimeLoop.Backward(_kernel, sequence, Bptt);
        _hasBackward = true;

        var dx = GC.AllocateUninitializedArray<double>(batch * time * inSize);
        sequence.GatherSteps(sequence.InputGradients, inSize, dx);
        return Tensor.Wrap(dx, Shapes.Cached(ref _inputShape, batch, time, inSize));
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
        _hasForward ? _sequence.Time : throw new InvalidOperationException($"{Describe()}: call Forward before asking for what it computed.");

    private void RequireBackward()
    {
        if (!_hasBackward) throw new InvalidOperationException($"{Describe()}: no backward pass yet: call Backward after Forward.");
    }

    private Tensor Gather(double[] states, int time)
    {
        int s = Cell.StateSize;
        var result = new Tensor(_sequence.Batch, time + 1, s);
        _sequence.GatherStates(states, 0, time + 1, s, result.Data);
        return result;
    }
}
