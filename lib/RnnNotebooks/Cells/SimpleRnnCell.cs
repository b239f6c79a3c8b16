using RnnNotebooks.Init;
using RnnNotebooks.Layers;
using RnnNotebooks.Numerics;
using RnnNotebooks.Random;

namespace RnnNotebooks.Cells;

/// <summary>
/// The Elman cell: <c>h′ = f(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)</c> with f tanh, ReLU or the identity
/// (PyTorch's <c>nn.RNNCell</c>; Keras' <c>SimpleRNNCell</c>). The state is <c>h</c>.
/// </summary>
/// <remarks>
/// Parameters: <c>weight_ih</c> [H, I] (W_xh), <c>weight_hh</c> [H, H] (W_hh), and unless
/// <c>bias: false</c>, <c>bias_ih</c> [H] and <c>bias_hh</c> [H]. Default initialisation: PyTorch's,
/// uniform in ±1/√H (see <see cref="WeightInit"/>).
/// </remarks>
public sealed class SimpleRnnCell : RecurrentCell
{
    private readonly Parameter _wIh, _wHh;
    private readonly Parameter? _bIh, _bHh;
    private double[]? _pre, _bias, _sequencePre, _wHhT, _lanes, _biasSum;

    /// <summary>Creates the cell and draws its weights by <paramref name="init"/> from <paramref name="random"/> (seed 0 when null).</summary>
    public SimpleRnnCell(int inputSize, int hiddenSize, Activation activation = Activation.Tanh, bool bias = true,
        WeightInit init = WeightInit.PyTorch, NumPyRandom? random = null)
        : base(inputSize, hiddenSize, hiddenSize, 0)
    {
        if (!Enum.IsDefined(activation)) throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        Activation = activation;
        _wIh = AddParameter("weight_ih", hiddenSize, inputSize);
        _wHh = AddParameter("weight_hh", hiddenSize, hiddenSize);
        if (bias)
        {
            _bIh = AddParameter("bias_ih", hiddenSize);
            _bHh = AddParameter("bias_hh", hiddenSize);
        }
        Initialize(init, random ?? new NumPyRandom(0));
    }

    /// <summary>The nonlinearity f.</summary>
    public Activation Activation { get; }

    /// <summary>Whether the cell has the two bias vectors.</summary>
    public bool HasBias => _bIh is not null;

    /// <inheritdoc />
    protected override void Forward(ReadOnlySpan<double> x, ReadOnlySpan<double> state, Span<double> newState, Span<double> tape, int batch)
    {
        int h = HiddenSize;
        var pre = Workspace(ref _pre, batch * h).AsSpan(0, batch * h);
        Gemm.Multiply(x, _wIh.Value, pre, batch, InputSize, h, transposeB: true);
        Gemm.Multiply(state, _wHh.Value, pre, batch, h, h, transposeB: true, accumulate: true);
        if (_bIh is not null)
        {
            var bias = Workspace(ref _bias, h).AsSpan(0, h);
            System.Numerics.Tensors.TensorPrimitives.Add(_bIh.Value, _bHh!.Value, bias);
            for (int b = 0; b < batch; b++)
                System.Numerics.Tensors.TensorPrimitives.Add(pre.Slice(b * h, h), bias, pre.Slice(b * h, h));
        }
        ActivationMath.Apply(Activation, pre, newState);
    }

    /// <inheritdoc />
    protected override void Backward(
        ReadOnlySpan<double> x, ReadOnlySpan<double> state, ReadOnlySpan<double> newState, ReadOnlySpan<double> tape,
        ReadOnlySpan<double> dNewState, Span<double> dx, Span<double> dState, int batch)
    {
        int h = HiddenSize;
        var dz = Workspace(ref _pre, batch * h).AsSpan(0, batch * h);
        ActivationMath.Backward(Activation, newState, dNewState, dz);
        Gemm.Multiply(dz, x, _wIh.Grad, h, batch, InputSize, transposeA: true, accumulate: true);
        Gemm.Multiply(dz, state, _wHh.Grad, h, batch, h, transposeA: true, accumulate: true);
        if (_bIh is not null)
        {
            AddColumnSums(dz, _bIh.Grad, batch, h);
            AddColumnSums(dz, _bHh!.Grad, batch, h);
        }
        Gemm.Multiply(dz, _wIh.Value, dx, batch, h, InputSize);
        Gemm.Multiply(dz, _wHh.Value, dState, batch, h, h);
    }

    /// <summary>The whole sequence: the input projection of every step (biases folded in) in one product, W_hh transposed once.</summary>
    internal override void ForwardSequence(double[] xs, double[] states, double[] tapes, int batch, int time)
    {
        int h = HiddenSize, sn = batch * h, rows = batch * time;
        var pre = Workspace(ref _sequencePre, rows * h).AsSpan(0, rows * h);
        if (_bIh is null) pre.Clear();
        else
        {
            var bias = pre[..h];
            System.Numerics.Tensors.TensorPrimitives.Add(_bIh.Value, _bHh!.Value, bias);
            for (int r = 1; r < rows; r++) bias.CopyTo(pre.Slice(r * h, h));
        }
        Gemm.Multiply(xs, _wIh.Value, pre, rows, InputSize, h, transposeB: true, accumulate: true);
        var wHhT = Workspace(ref _wHhT, h * h).AsSpan(0, h * h);
        Gemm.Transpose(_wHh.Value, h, h, wHhT);
        for (int t = 0; t < time; t++)
        {
            var step = pre.Slice(t * sn, sn);
            Gemm.MultiplyStrided(states.AsSpan(t * sn, sn), h, 1, wHhT, h, step, h, batch, h, h, accumulate: true);
            ActivationMath.Apply(Activation, step, states.AsSpan((t + 1) * sn, sn));
        }
    }

    /// <summary>The whole sequence: per step only dz and dh = dz·W_hh; the parameter gradients and dx once, from every step's dz.</summary>
    internal override void BackwardSequence(double[] xs, double[] states, double[] tapes,
        double[] outputGradients, bool everyStep, int detachEvery, double[] dxs, double[] stateGrads, int batch, int time)
    {
        int h = HiddenSize, sn = batch * h, rows = batch * time;
        var dz = Workspace(ref _sequencePre, rows * h).AsSpan(0, rows * h);
        var last = stateGrads.AsSpan(time * sn, sn);
        last.Clear();
        AddOutputGradient(outputGradients, everyStep, time - 1, last, batch, time);
        for (int t = time - 1; t >= 0; t--)
        {
            var step = dz.Slice(t * sn, sn);
            var dPrev = stateGrads.AsSpan(t * sn, sn);
            ActivationMath.Backward(Activation, states.AsSpan((t + 1) * sn, sn), stateGrads.AsSpan((t + 1) * sn, sn), step);
            Gemm.MultiplyStrided(step, h, 1, _wHh.Value, h, dPrev, h, batch, h, h, accumulate: false);
            EnterPreviousStep(outputGradients, everyStep, detachEvery, t, dPrev, batch, time);
        }
        AddParameterGradients(xs, states, dz, dxs, rows);
    }

    /// <summary>
    /// Window truncation with shared work: the gradients of the (at most k + 1) outputs still flowing back
    /// through a step travel as lanes of one small batch, and since every parameter gradient is linear in dz,
    /// the lanes' dz are summed and the parameter gradients and dx computed once for all steps.
    /// </summary>
    internal override void BackwardWindow(double[] xs, double[] states, double[] tapes,
        double[] outputGradients, bool everyStep, int window, double[] dxs, double[] stateGrads, int batch, int time)
    {
        // A window reaching past the first step needs no more lanes than there are steps.
        int h = HiddenSize, sn = batch * h, rows = batch * time, lanes = Math.Min(window, time - 1) + 1, first = everyStep ? 0 : time - 1;
        var dz = Workspace(ref _sequencePre, rows * h).AsSpan(0, rows * h);
        var work = Workspace(ref _lanes, 2 * lanes * sn).AsSpan(0, 2 * lanes * sn);
        Span<double> incoming = work[..(lanes * sn)], laneDz = work[(lanes * sn)..];
        stateGrads.AsSpan(0, (time + 1) * sn).Clear();
        for (int j = time - 1; j >= 0; j--)
        {
            // Lane t % lanes carries the gradient of output t while j ≥ t − window.
            if (j >= first)
            {
                var fresh = incoming.Slice(j % lanes * sn, sn);
                fresh.Clear();
                AddOutputGradient(outputGradients, everyStep, j, fresh, batch, time);
            }
            var step = dz.Slice(j * sn, sn);
            step.Clear();
            var hj = states.AsSpan((j + 1) * sn, sn);
            int lastOutput = Math.Min(time - 1, j + window);
            for (int slot = 0; slot < lanes; slot++)
            {
                int t = j + (slot - j % lanes + lanes) % lanes;       // the output whose lane sits in this slot
                var lane = laneDz.Slice(slot * sn, sn);
                if (t < first || t > lastOutput)
                {
                    lane.Clear();
                    continue;
                }
                ActivationMath.Backward(Activation, hj, incoming.Slice(slot * sn, sn), lane);
                System.Numerics.Tensors.TensorPrimitives.Add(step, lane, step);
            }
            if (j > 0)
                Gemm.MultiplyStrided(laneDz, h, 1, _wHh.Value, h, incoming, h, lanes * batch, h, h, accumulate: false);
        }
        // Every lane still alive at step 0 reaches the starting state.
        Gemm.MultiplyStrided(dz, h, 1, _wHh.Value, h, stateGrads, h, batch, h, h, accumulate: false);
        AddParameterGradients(xs, states, dz, dxs, rows);
    }

    /// <summary>dW_ih, dW_hh and the biases from the dz of every step and example, and dx = dz·W_ih.</summary>
    private void AddParameterGradients(ReadOnlySpan<double> xs, ReadOnlySpan<double> states, ReadOnlySpan<double> dz, Span<double> dxs, int rows)
    {
        int h = HiddenSize;
        Gemm.Multiply(dz, xs, _wIh.Grad, h, rows, InputSize, transposeA: true, accumulate: true);
        Gemm.Multiply(dz, states[..(rows * h)], _wHh.Grad, h, rows, h, transposeA: true, accumulate: true);
        if (_bIh is not null) AddColumnSums(dz, rows, h, Workspace(ref _biasSum, h), _bIh.Grad, _bHh!.Grad);
        Gemm.Multiply(dz, _wIh.Value, dxs, rows, h, InputSize);
    }

    /// <inheritdoc />
    public override void Initialize(WeightInit scheme, NumPyRandom random) =>
        CellInitialization.Apply(Parameters, InputSize, HiddenSize, scheme, random);
}
