using System.Numerics.Tensors;
using RnnNotebooks.Init;
using RnnNotebooks.Layers;
using RnnNotebooks.Numerics;
using RnnNotebooks.Random;

namespace RnnNotebooks.Cells;

/// <summary>
/// The gated recurrent unit in PyTorch's formulation and gate order (r, z, n), <c>nn.GRUCell</c>:
/// <code>
/// r = σ(W_ir x + b_ir + W_hr h + b_hr)
/// z = σ(W_iz x + b_iz + W_hz h + b_hz)
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
/// h′ = (1 − z) ⊙ n + z ⊙ h
/// </code>
/// </summary>
/// <remarks>
/// State per example: <c>h</c>. Parameters: <c>weight_ih</c> [3H, I], <c>weight_hh</c> [3H, H],
/// <c>bias_ih</c> [3H], <c>bias_hh</c> [3H]. Default initialisation: PyTorch's, uniform in ±1/√H.
/// The input and hidden products stay separate because the reset gate scales only the hidden
/// part of the candidate.
/// </remarks>
public sealed class GruCell : RecurrentCell
{
    private readonly Parameter _wIh, _wHh;
    private readonly Parameter? _bIh, _bHh;
    private double[]? _gi, _gh;

    /// <summary>Creates the cell and draws its weights by <paramref name="init"/> from <paramref name="random"/> (seed 0 when null).</summary>
    public GruCell(int inputSize, int hiddenSize, bool bias = true, WeightInit init = WeightInit.PyTorch, NumPyRandom? random = null)
        : base(inputSize, hiddenSize, hiddenSize, 4 * hiddenSize)
    {
        _wIh = AddParameter("weight_ih", 3 * hiddenSize, inputSize);
        _wHh = AddParameter("weight_hh", 3 * hiddenSize, hiddenSize);
        if (bias)
        {
            _bIh = AddParameter("bias_ih", 3 * hiddenSize);
            _bHh = AddParameter("bias_hh", 3 * hiddenSize);
        }
        Initialize(init, random ?? new NumPyRandom(0));
    }

    /// <summary>Whether the cell has the two bias vectors.</summary>
    public bool HasBias => _bIh is not null;

    /// <inheritdoc />
    protected override void Forward(ReadOnlySpan<double> x, ReadOnlySpan<double> state, Span<double> newState, Span<double> tape, int batch)
    {
        int n = HiddenSize, g3 = 3 * n, t = 4 * n;
        var gi = Workspace(ref _gi, batch * g3).AsSpan(0, batch * g3);
        var gh = Workspace(ref _gh, batch * g3).AsSpan(0, batch * g3);
        Gemm.Multiply(x, _wIh.Value, gi, batch, InputSize, g3, transposeB: true);
        Gemm.Multiply(state, _wHh.Value, gh, batch, n, g3, transposeB: true);
        for (int b = 0; b < batch; b++)
        {
            var xi = gi.Slice(b * g3, g3);
            var hh = gh.Slice(b * g3, g3);
            if (_bIh is not null)
            {
                TensorPrimitives.Add(xi, _bIh.Value, xi);
                TensorPrimitives.Add(hh, _bHh!.Value, hh);
            }
            var row = tape.Slice(b * t, t);
            TensorPrimitives.Add(xi[..(2 * n)], hh[..(2 * n)], xi[..(2 * n)]);
            ActivationMath.Sigmoid(xi[..(2 * n)], row[..(2 * n)]);             // r, z
            var r = row[..n];
            var z = row.Slice(n, n);
            var nn = row.Slice(2 * n, n);
            var hn = row.Slice(3 * n, n);
            hh.Slice(2 * n, n).CopyTo(hn);
            var an = xi.Slice(2 * n, n);
            TensorPrimitives.FusedMultiplyAdd(r, hn, an, an);
            ActivationMath.Tanh(an, nn);
            var h = state.Slice(b * n, n);
            var hNew = newState.Slice(b * n, n);
            TensorPrimitives.Subtract(h, nn, hNew);
            TensorPrimitives.FusedMultiplyAdd(z, hNew, nn, hNew);              // h′ = n + z ⊙ (h − n)
        }
    }

    /// <inheritdoc />
    protected override void Backward(
        ReadOnlySpan<double> x, ReadOnlySpan<double> state, ReadOnlySpan<double> newState, ReadOnlySpan<double> tape,
        ReadOnlySpan<double> dNewState, Span<double> dx, Span<double> dState, int batch)
    {
        int n = HiddenSize, g3 = 3 * n, t = 4 * n;
        var dgi = Workspace(ref _gi, batch * g3).AsSpan(0, batch * g3);
        var dgh = Workspace(ref _gh, batch * g3).AsSpan(0, batch * g3);
        for (int b = 0; b < batch; b++)
        {
            var row = tape.Slice(b * t, t);
            var h = state.Slice(b * n, n);
            var dhNew = dNewState.Slice(b * n, n);
            var dh = dState.Slice(b * n, n);
            var di = dgi.Slice(b * g3, g3);
            var dg = dgh.Slice(b * g3, g3);
            for (int j = 0; j < n; j++)
            {
                double r = row[j], z = row[n + j], nv = row[2 * n + j], hn = row[3 * n + j], d = dhNew[j];
                double dan = d * (1 - z) * (1 - nv * nv);
                double dar = dan * hn * r * (1 - r);
                double daz = d * (h[j] - nv) * z * (1 - z);
                dh[j] = d * z;
                di[j] = dar; di[n + j] = daz; di[2 * n + j] = dan;
                dg[j] = dar; dg[n + j] = daz; dg[2 * n + j] = dan * r;
            }
        }
        Gemm.Multiply(dgi, x, _wIh.Grad, g3, batch, InputSize, transposeA: true, accumulate: true);
        Gemm.Multiply(dgh, state, _wHh.Grad, g3, batch, n, transposeA: true, accumulate: true);
        if (_bIh is not null)
        {
            AddColumnSums(dgi, _bIh.Grad, batch, g3);
            AddColumnSums(dgh, _bHh!.Grad, batch, g3);
        }
        Gemm.Multiply(dgi, _wIh.Value, dx, batch, g3, InputSize);
        Gemm.Multiply(dgh, _wHh.Value, dState, batch, g3, n, accumulate: true);
    }

    /// <inheritdoc />
    public override void Initialize(WeightInit scheme, NumPyRandom random) =>
        CellInitialization.Apply(Parameters, InputSize, HiddenSize, scheme, random);
}
