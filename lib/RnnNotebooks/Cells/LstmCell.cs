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
    private double[]? _pre, _h, _bias, _dh;

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
        int n = HiddenSize, g4 = 4 * n, s = 2 * n, t = 5 * n;
        var pre = Workspace(ref _pre, batch * g4).AsSpan(0, batch * g4);
        var hPrev = CopyHidden(state, batch);
        Gemm.Multiply(x, _wIh.Value, pre, batch, InputSize, g4, transposeB: true);
        Gemm.Multiply(hPrev, _wHh.Value, pre, batch, n, g4, transposeB: true, accumulate: true);
        Span<double> bias = default;
        if (_bIh is not null)
        {
            bias = Workspace(ref _bias, g4).AsSpan(0, g4);
            TensorPrimitives.Add(_bIh.Value, _bHh!.Value, bias);
        }
        for (int b = 0; b < batch; b++)
        {
            var a = pre.Slice(b * g4, g4);
            if (_bIh is not null) TensorPrimitives.Add(a, bias, a);
            var cPrev = state.Slice(b * s + n, n);
            var row = tape.Slice(b * t, t);
            var h = newState.Slice(b * s, n);
            var c = newState.Slice(b * s + n, n);
            if (_wCi is not null)
            {
                TensorPrimitives.FusedMultiplyAdd(_wCi.Value, cPrev, a[..n], a[..n]);
                TensorPrimitives.FusedMultiplyAdd(_wCf!.Value, cPrev, a.Slice(n, n), a.Slice(n, n));
            }
            ActivationMath.Sigmoid(a[..(2 * n)], row[..(2 * n)]);          // i, f
            ActivationMath.Tanh(a.Slice(2 * n, n), row.Slice(2 * n, n));     // g
            var i = row[..n];
            var f = row.Slice(n, n);
            var gg = row.Slice(2 * n, n);
            TensorPrimitives.Multiply(f, cPrev, c);
            TensorPrimitives.FusedMultiplyAdd(i, gg, c, c);                  // c′ = f ⊙ c + i ⊙ g
            var ao = a.Slice(3 * n, n);
            if (_wCo is not null) TensorPrimitives.FusedMultiplyAdd(_wCo.Value, c, ao, ao);
            var o = row.Slice(3 * n, n);
            ActivationMath.Sigmoid(ao, o);
            var tanhC = row.Slice(4 * n, n);
            ActivationMath.Tanh(c, tanhC);
            TensorPrimitives.Multiply(o, tanhC, h);
        }
    }

    /// <inheritdoc />
    protected override void Backward(
        ReadOnlySpan<double> x, ReadOnlySpan<double> state, ReadOnlySpan<double> newState, ReadOnlySpan<double> tape,
        ReadOnlySpan<double> dNewState, Span<double> dx, Span<double> dState, int batch)
    {
        int n = HiddenSize, g4 = 4 * n, s = 2 * n, t = 5 * n;
        var da = Workspace(ref _pre, batch * g4).AsSpan(0, batch * g4);
        bool peep = _wCi is not null;
        ReadOnlySpan<double> wci = peep ? _wCi!.Value : default, wcf = peep ? _wCf!.Value : default, wco = peep ? _wCo!.Value : default;
        Span<double> gci = peep ? _wCi!.Grad : default, gcf = peep ? _wCf!.Grad : default, gco = peep ? _wCo!.Grad : default;
        for (int b = 0; b < batch; b++)
        {
            var row = tape.Slice(b * t, t);
            var cPrev = state.Slice(b * s + n, n);
            var c = newState.Slice(b * s + n, n);
            var dh = dNewState.Slice(b * s, n);
            var dcIn = dNewState.Slice(b * s + n, n);
            var dcPrev = dState.Slice(b * s + n, n);
            var d = da.Slice(b * g4, g4);
            for (int j = 0; j < n; j++)
            {
                double i = row[j], f = row[n + j], g = row[2 * n + j], o = row[3 * n + j], tc = row[4 * n + j];
                double dao = dh[j] * tc * o * (1 - o);
                double dc = dcIn[j] + dh[j] * o * (1 - tc * tc);
                if (peep) dc += dao * wco[j];
                double dai = dc * g * i * (1 - i);
                double daf = dc * cPrev[j] * f * (1 - f);
                double dag = dc * i * (1 - g * g);
                double dcp = dc * f;
                if (peep)
                {
                    dcp += dai * wci[j] + daf * wcf[j];
                    gci[j] += dai * cPrev[j];
                    gcf[j] += daf * cPrev[j];
                    gco[j] += dao * c[j];
                }
                dcPrev[j] = dcp;
                d[j] = dai;
                d[n + j] = daf;
                d[2 * n + j] = dag;
                d[3 * n + j] = dao;
            }
        }
        var hPrev = CopyHidden(state, batch);
        Gemm.Multiply(da, x, _wIh.Grad, g4, batch, InputSize, transposeA: true, accumulate: true);
        Gemm.Multiply(da, hPrev, _wHh.Grad, g4, batch, n, transposeA: true, accumulate: true);
        if (_bIh is not null)
        {
            AddColumnSums(da, _bIh.Grad, batch, g4);
            AddColumnSums(da, _bHh!.Grad, batch, g4);
        }
        Gemm.Multiply(da, _wIh.Value, dx, batch, g4, InputSize);
        var dhPrev = Workspace(ref _dh, batch * n).AsSpan(0, batch * n);
        Gemm.Multiply(da, _wHh.Value, dhPrev, batch, g4, n);
        for (int b = 0; b < batch; b++) dhPrev.Slice(b * n, n).CopyTo(dState.Slice(b * s, n));
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
