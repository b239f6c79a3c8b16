using System.Numerics.Tensors;
using RnnNotebooks.Init;
using RnnNotebooks.Layers;
using RnnNotebooks.Numerics;
using RnnNotebooks.Random;

namespace RnnNotebooks.Cells;

/// <summary>
/// The long short-term memory cell in PyTorch's formulation and gate order (i, f, g, o), with
/// optional peephole connections:
/// <code>
/// [a_i a_f a_g a_o] = x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh
/// i = σ(a_i + w_ci ⊙ c),  f = σ(a_f + w_cf ⊙ c),  g = tanh(a_g)
/// c′ = f ⊙ c + i ⊙ g
/// o = σ(a_o + w_co ⊙ c′), h′ = o ⊙ tanh(c′)
/// </code>
/// Without peepholes the <c>w_c·</c> terms vanish and this is <c>nn.LSTMCell</c> exactly.
/// </summary>
/// <remarks>
/// <para>State per example: <c>[h, c]</c> (2·H values). Parameters: <c>weight_ih</c> [4H, I],
/// <c>weight_hh</c> [4H, H], <c>bias_ih</c> [4H], <c>bias_hh</c> [4H], and with peepholes
/// <c>weight_ci</c>, <c>weight_cf</c>, <c>weight_co</c> [H]. Default initialisation: PyTorch's,
/// uniform in ±1/√H; <see cref="WeightInit.Keras"/> gives Glorot/orthogonal/forget-bias 1.</para>
/// <para>All four gates come from one product with the input and one with the hidden state
/// into a <c>[batch, 4H]</c> buffer.</para>
/// </remarks>
public sealed class LstmCell : RecurrentCell
{
    private readonly Parameter _wIh, _wHh;
    private readonly Parameter? _bIh, _bHh, _wCi, _wCf, _wCo;
    private double[]? _pre, _h, _biasSum, _biasGradSum, _sequencePre, _wIhT, _wHhT, _wHhGradPart;

    /// <summary>Creates the cell and draws its weights by <paramref name="init"/> from <paramref name="random"/> (seed 0 when null).</summary>
    public LstmCell(int inputSize, int hiddenSize, bool peepholes = false, bool bias = true,
        WeightInit init = WeightInit.PyTorch, NumPyRandom? random = null)
        : base(inputSize, hiddenSize, 2 * hiddenSize, 5 * hiddenSize)
    {
        _wIh = AddParameter("weight_ih", 4 * hiddenSize, inputSize);
        _wHh = AddParameter("weight_hh", 4 * hiddenSize, hiddenSize);
        if (bias)
        {
            _bIh = AddParameter("bias_ih", 4 * hiddenSize);
            _bHh = AddParameter("bias_hh", 4 * hiddenSize);
        }
        if (peepholes)
        {
            _wCi = AddParameter("weight_ci", hiddenSize);
            _wCf = AddParameter("weight_cf", hiddenSize);
            _wCo = AddParameter("weight_co", hiddenSize);
        }
        Initialize(init, random ?? new NumPyRandom(0));
    }

    /// <summary>Whether the gates see the cell state (peephole connections).</summary>
    public bool Peepholes => _wCi is not null;

    /// <summary>Whether the cell has the two bias vectors.</summary>
    public bool HasBias => _bIh is not null;

    /// <inheritdoc />
    protected override void Forward(ReadOnlySpan<double> x, ReadOnlySpan<double> state, Span<double> newState, Span<double> tape, int batch)
    {
        int n = HiddenSize, g4 = 4 * n;
        var pre = Workspace(ref _pre, batch * g4).AsSpan(0, batch * g4);
        Gemm.Multiply(x, _wIh.Value, pre, batch, InputSize, g4, transposeB: true);
        Gemm.Multiply(CopyHidden(state, batch), _wHh.Value, pre, batch, n, g4, transposeB: true, accumulate: true);
        Activate(pre, SummedBias(), state, newState, tape, batch);
    }

    /// <inheritdoc />
    protected override void Backward(
        ReadOnlySpan<double> x, ReadOnlySpan<double> state, ReadOnlySpan<double> newState, ReadOnlySpan<double> tape,
        ReadOnlySpan<double> dNewState, Span<double> dx, Span<double> dState, int batch)
    {
        int n = HiddenSize, g4 = 4 * n;
        var da = Workspace(ref _pre, batch * g4).AsSpan(0, batch * g4);
        GateGradients(state, newState, tape, dNewState, da, dState, batch);
        Gemm.Multiply(da, x, _wIh.Grad, g4, batch, InputSize, transposeA: true, accumulate: true);
        Gemm.Multiply(da, CopyHidden(state, batch), _wHh.Grad, g4, batch, n, transposeA: true, accumulate: true);
        AddBiasGradients(da, batch);
        Gemm.Multiply(da, _wIh.Value, dx, batch, g4, InputSize);
        Gemm.MultiplyStrided(da, g4, 1, _wHh.Value, n, dState, 2 * n, batch, g4, n, accumulate: false);
    }

    /// <summary>
    /// The whole sequence at once: W_ih and W_hh are transposed once, and each step is two products plus one
    /// fused elementwise pass per row. Examples never interact, so a large batch runs as two halves on two
    /// cores with no per-step synchronisation; each half projects its own inputs, so its gate buffer never
    /// leaves its core's cache.
    /// </summary>
    internal override void ForwardSequence(double[] xs, double[] states, double[] tapes, int batch, int time)
    {
        int n = HiddenSize, g4 = 4 * n, rows = batch * time;
        var pre = Workspace(ref _sequencePre, rows * g4);
        var wIhT = Workspace(ref _wIhT, InputSize * g4);
        Gemm.Transpose(_wIh.Value, g4, InputSize, wIhT);
        var wHhT = Workspace(ref _wHhT, n * g4);
        Gemm.Transpose(_wHh.Value, g4, n, wHhT);
        var bias = SummedBias();
        int parts = Parts(batch);
        ForEachPart(parts, part => ForwardRows(xs, pre, bias, wIhT, wHhT, states, tapes, batch, time, part * batch / parts, (part + 1) * batch / parts));
    }

    private void ForwardRows(double[] xs, double[] pre, double[]? bias, double[] wIhT, double[] wHhT, double[] states, double[] tapes,
        int batch, int time, int firstRow, int endRow)
    {
        int n = HiddenSize, m = InputSize, g4 = 4 * n, s = 2 * n, sn = batch * s, tn = batch * TapeSize, count = endRow - firstRow;
        for (int t = 0; t < time; t++)
        {
            var step = pre.AsSpan((t * batch + firstRow) * g4, count * g4);
            var state = states.AsSpan(t * sn + firstRow * s, count * s);
            Gemm.MultiplyStrided(xs.AsSpan((t * batch + firstRow) * m, count * m), m, 1, wIhT, g4, step, g4, count, m, g4, accumulate: false);
            Gemm.MultiplyStrided(state, s, 1, wHhT, g4, step, g4, count, n, g4, accumulate: true);
            Activate(step, bias, state, states.AsSpan((t + 1) * sn + firstRow * s, count * s), tapes.AsSpan(t * tn + firstRow * TapeSize, count * TapeSize), count);
        }
    }

    /// <summary>
    /// The whole sequence at once: per step the elementwise gate gradients, dh = dA·W_hh and each half's own
    /// dx = dA·W_ih; the gate gradients of every step are kept, so dW_ih and the biases are one product each.
    /// </summary>
    internal override void BackwardSequence(double[] xs, double[] states, double[] tapes,
        double[] outputGradients, bool everyStep, int detachEvery, double[] dxs, double[] stateGrads, int batch, int time)
    {
        int n = HiddenSize, g4 = 4 * n, s = 2 * n, rows = batch * time;
        var da = Workspace(ref _sequencePre, rows * g4);
        int parts = Parts(batch);
        if (parts == 1) BackwardRows(states, tapes, outputGradients, everyStep, detachEvery, da, dxs, stateGrads, _wHh.Grad, batch, time, 0, batch);
        else
        {
            // The second half adds its dW_hh into a private buffer, so the halves never write the same memory.
            var privateGrad = Workspace(ref _wHhGradPart, g4 * n);
            Array.Clear(privateGrad, 0, g4 * n);
            ForEachPart(parts, part => BackwardRows(states, tapes, outputGradients, everyStep, detachEvery, da, dxs, stateGrads,
                part == 0 ? _wHh.Grad : privateGrad, batch, time, part * batch / parts, (part + 1) * batch / parts));
            TensorPrimitives.Add(_wHh.Grad, privateGrad.AsSpan(0, g4 * n), _wHh.Grad);
        }

        var dA = da.AsSpan(0, rows * g4);
        Gemm.Multiply(dA, xs.AsSpan(0, rows * InputSize), _wIh.Grad, g4, rows, InputSize, transposeA: true, accumulate: true);
        AddBiasGradients(dA, rows);
    }

    /// <summary>
    /// Backward through time for examples <c>firstRow … endRow − 1</c>: gate gradients, dh = dA·W_hh, dx = dA·W_ih,
    /// and dW_hh += dAᵀ·h step by step into <paramref name="wHhGrad"/>, reading h in place from the <c>[h, c]</c> state rows.
    /// </summary>
    private void BackwardRows(double[] states, double[] tapes, double[] outputGradients, bool everyStep, int detachEvery,
        double[] da, double[] dxs, double[] stateGrads, double[] wHhGrad, int batch, int time, int firstRow, int endRow)
    {
        int n = HiddenSize, m = InputSize, g4 = 4 * n, s = 2 * n, sn = batch * s, tn = batch * TapeSize, count = endRow - firstRow;
        var last = stateGrads.AsSpan(time * sn, sn);
        last.Slice(firstRow * s, count * s).Clear();
        AddOutputGradient(outputGradients, everyStep, time - 1, last, batch, time, firstRow, endRow);
        for (int t = time - 1; t >= 0; t--)
        {
            var step = da.AsSpan((t * batch + firstRow) * g4, count * g4);
            var dPrev = stateGrads.AsSpan(t * sn, sn);
            var dPrevRows = dPrev.Slice(firstRow * s, count * s);
            var stateRows = states.AsSpan(t * sn + firstRow * s, count * s);
            GateGradients(stateRows, states.AsSpan((t + 1) * sn + firstRow * s, count * s),
                tapes.AsSpan(t * tn + firstRow * TapeSize, count * TapeSize), stateGrads.AsSpan((t + 1) * sn + firstRow * s, count * s),
                step, dPrevRows, count);
            Gemm.MultiplyStrided(step, 1, g4, stateRows, s, wHhGrad, n, g4, count, n, accumulate: true);
            Gemm.MultiplyStrided(step, g4, 1, _wHh.Value, n, dPrevRows, s, count, g4, n, accumulate: false);
            Gemm.Multiply(step, _wIh.Value, dxs.AsSpan((t * batch + firstRow) * m, count * m), count, g4, m);
            EnterPreviousStep(outputGradients, everyStep, detachEvery, t, dPrev, batch, time, firstRow, endRow);
        }
    }

    /// <summary>
    /// How many independent slices of the batch to run: two when each half has enough rows for its products to
    /// stay efficient (below that, the handoff costs more than it saves); one with peepholes, whose gradients every
    /// row adds into. The split depends on the shapes only, never on the machine, so results are bit-identical
    /// with one core or two.
    /// </summary>
    private int Parts(int batch) => batch >= 2 * MinRowsPerPart && HiddenSize >= 16 && _wCi is null ? 2 : 1;

    /// <summary>Runs <paramref name="body"/> for parts 0 … <paramref name="parts"/> − 1 (at most two), the second on the partner core.</summary>
    private static void ForEachPart(int parts, Action<int> body)
    {
        if (parts == 1) body(0);
        else PartnerThread.RunPair(body);
    }

    private const int MinRowsPerPart = 8;

    /// <summary>b_ih + b_hh, computed once per call and added in the fused activation pass (null without biases).</summary>
    private double[]? SummedBias()
    {
        if (_bIh is null) return null;
        var bias = Workspace(ref _biasSum, 4 * HiddenSize);
        TensorPrimitives.Add(_bIh.Value, _bHh!.Value, bias.AsSpan(0, 4 * HiddenSize));
        return bias;
    }

    /// <summary>Gates, cell and hidden state from the pre-activations (without biases) of every row.</summary>
    private void Activate(ReadOnlySpan<double> pre, double[]? summedBias, ReadOnlySpan<double> state, Span<double> newState, Span<double> tape, int batch)
    {
        int n = HiddenSize, g4 = 4 * n, s = 2 * n, t = TapeSize;
        var peep = PeepholeWeights();
        ReadOnlySpan<double> bias = summedBias is null ? default : summedBias.AsSpan(0, g4);
        for (int b = 0; b < batch; b++)
            LstmKernels.ForwardRow(pre.Slice(b * g4, g4), bias, state.Slice(b * s + n, n), peep,
                tape.Slice(b * t, t), newState.Slice(b * s, n), newState.Slice(b * s + n, n));
    }

    /// <summary>dLoss/dA for every row, and the cell-path part of dLoss/dc written into <paramref name="dState"/>.</summary>
    private void GateGradients(ReadOnlySpan<double> state, ReadOnlySpan<double> newState, ReadOnlySpan<double> tape,
        ReadOnlySpan<double> dNewState, Span<double> da, Span<double> dState, int batch)
    {
        int n = HiddenSize, g4 = 4 * n, s = 2 * n, t = TapeSize;
        var peep = PeepholeWeights();
        var peepGrad = _wCi is null ? default : new LstmKernels.PeepholeGrads(_wCi.Grad, _wCf!.Grad, _wCo!.Grad);
        for (int b = 0; b < batch; b++)
            LstmKernels.BackwardRow(tape.Slice(b * t, t), state.Slice(b * s + n, n), newState.Slice(b * s + n, n),
                dNewState.Slice(b * s, n), dNewState.Slice(b * s + n, n), peep, peepGrad, da.Slice(b * g4, g4), dState.Slice(b * s + n, n));
    }

    private LstmKernels.Peepholes PeepholeWeights() =>
        _wCi is null ? default : new LstmKernels.Peepholes(_wCi.Value, _wCf!.Value, _wCo!.Value);

    private void AddBiasGradients(ReadOnlySpan<double> da, int rows)
    {
        if (_bIh is null) return;
        int g4 = 4 * HiddenSize;
        AddColumnSums(da, rows, g4, Workspace(ref _biasGradSum, g4), _bIh.Grad, _bHh!.Grad);
    }

    /// <summary>The h rows of a <c>[batch, (h, c)]</c> state as one contiguous <c>[batch, H]</c> block, for the product.</summary>
    private Span<double> CopyHidden(ReadOnlySpan<double> state, int batch)
    {
        int n = HiddenSize;
        var h = Workspace(ref _h, batch * n).AsSpan(0, batch * n);
        for (int b = 0; b < batch; b++) state.Slice(b * 2 * n, n).CopyTo(h.Slice(b * n, n));
        return h;
    }

    /// <inheritdoc />
    public override void Initialize(WeightInit scheme, NumPyRandom random) =>
        CellInitialization.Apply(Parameters, InputSize, HiddenSize, scheme, random, forgetGate: 1);
}
