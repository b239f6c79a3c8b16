using RnnNotebooks.Init;
using RnnNotebooks.Numerics;
using RnnNotebooks.Random;

namespace RnnNotebooks.Cells;

/// <summary>
/// The gated recurrent unit in PyTorch's formulation and gate order (r, z, n), <c>nn.GRUCell</c>:
/// <code>
/// [i_r i_z i_n] = x·W_ihᵀ + b_ih,   [h_r h_z h_n] = h·W_hhᵀ + b_hh
/// r = σ(i_r + h_r),  z = σ(i_z + h_z)
/// n = tanh(i_n + r ⊙ h_n)
/// h′ = (1 − z) ⊙ n + z ⊙ h
/// </code>
/// </summary>
/// <remarks>
/// <para>State per example: <c>h</c>. Tape per example: <c>[r, z, n, h_n]</c> (4·H). Parameters:
/// <c>weight_ih</c> [3H, I], <c>weight_hh</c> [3H, H], <c>bias_ih</c> [3H], <c>bias_hh</c> [3H].
/// Default initialisation: PyTorch's, uniform in ±1/√H. The input and hidden products stay separate
/// because the reset gate scales only the hidden part of the candidate.</para>
/// <para>This file is the GRU's definition, one unit at a time. <see cref="Recurrent.RecurrentLayer"/> runs
/// whole sequences through the fused kernel in <c>Recurrent/Fused/FusedGru.cs</c>, which is tested equal to it.</para>
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

    /// <summary>W_ih, <c>[3H, I]</c>, gate blocks r, z, n.</summary>
    public Parameter WeightIh => _wIh;

    /// <summary>W_hh, <c>[3H, H]</c>.</summary>
    public Parameter WeightHh => _wHh;

    /// <summary>b_ih, <c>[3H]</c>, or null.</summary>
    public Parameter? BiasIh => _bIh;

    /// <summary>b_hh, <c>[3H]</c>, or null.</summary>
    public Parameter? BiasHh => _bHh;

    /// <inheritdoc />
    public override void Step(CellStep step)
    {
        int batch = step.Batch, n = HiddenSize;
        var gi = Workspace(ref _gi, batch * 3 * n);
        var gh = Workspace(ref _gh, batch * 3 * n);
        // gi = x·W_ihᵀ + b_ih, gh = h·W_hhᵀ + b_hh
        Gemm.Multiply(step.X, _wIh.Value, gi, batch, InputSize, 3 * n, transposeB: true);
        Gemm.Multiply(step.State, _wHh.Value, gh, batch, n, 3 * n, transposeB: true);
        for (int b = 0; b < batch; b++)
        {
            var xi = gi.Slice(b * 3 * n, 3 * n);
            var hh = gh.Slice(b * 3 * n, 3 * n);
            var h = step.State.Slice(b * n, n);
            var hNew = step.NewState.Slice(b * n, n);
            var tape = step.Tape.Slice(b * 4 * n, 4 * n);
            for (int j = 0; j < n; j++)
            {
                double ir = xi[j] + Bias(_bIh, j), iz = xi[n + j] + Bias(_bIh, n + j), iN = xi[2 * n + j] + Bias(_bIh, 2 * n + j);
                double hr = hh[j] + Bias(_bHh, j), hz = hh[n + j] + Bias(_bHh, n + j), hn = hh[2 * n + j] + Bias(_bHh, 2 * n + j);
                double r = Sigmoid(ir + hr);
                double z = Sigmoid(iz + hz);
                double nn = Math.Tanh(iN + r * hn);
                hNew[j] = (1 - z) * nn + z * h[j];
                tape[j] = r;
                tape[n + j] = z;
                tape[2 * n + j] = nn;
                tape[3 * n + j] = hn;
            }
        }
    }

    /// <inheritdoc />
    public override void StepBackward(CellStep step, StepGradients gradients)
    {
        int batch = step.Batch, n = HiddenSize;
        var dgi = Workspace(ref _gi, batch * 3 * n);
        var dgh = Workspace(ref _gh, batch * 3 * n);
        for (int b = 0; b < batch; b++)
        {
            var tape = step.Tape.Slice(b * 4 * n, 4 * n);
            var h = step.State.Slice(b * n, n);
            var dhNew = gradients.NewState.Slice(b * n, n);
            var dh = gradients.State.Slice(b * n, n);
            var di = dgi.Slice(b * 3 * n, 3 * n);
            var dg = dgh.Slice(b * 3 * n, 3 * n);
            for (int j = 0; j < n; j++)
            {
                double r = tape[j], z = tape[n + j], nn = tape[2 * n + j], hn = tape[3 * n + j], d = dhNew[j];
                // h′ = (1 − z) ⊙ n + z ⊙ h
                double dan = d * (1 - z) * (1 - nn * nn);
                double daz = d * (h[j] - nn) * z * (1 - z);
                // n = tanh(i_n + r ⊙ h_n)
                double dar = dan * hn * r * (1 - r);
                dh[j] = d * z;
                di[j] = dar; di[n + j] = daz; di[2 * n + j] = dan;
                dg[j] = dar; dg[n + j] = daz; dg[2 * n + j] = dan * r;
            }
        }
        // dW_ih += dgiᵀ·x, dW_hh += dghᵀ·h, db_ih += Σ dgi, db_hh += Σ dgh
        Gemm.Multiply(dgi, step.X, _wIh.Grad, 3 * n, batch, InputSize, transposeA: true, accumulate: true);
        Gemm.Multiply(dgh, step.State, _wHh.Grad, 3 * n, batch, n, transposeA: true, accumulate: true);
        if (_bIh is not null)
        {
            AddColumnSums(dgi, _bIh.Grad, batch, 3 * n);
            AddColumnSums(dgh, _bHh!.Grad, batch, 3 * n);
        }
        // dx = dgi·W_ih, dh += dgh·W_hh
        Gemm.Multiply(dgi, _wIh.Value, gradients.X, batch, 3 * n, InputSize);
        Gemm.Multiply(dgh, _wHh.Value, gradients.State, batch, 3 * n, n, accumulate: true);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double Bias(Parameter? bias, int j) => bias is null ? 0 : bias.Value[j];

    /// <inheritdoc />
    public override void Initialize(WeightInit scheme, NumPyRandom random) =>
        CellInitialization.Apply(Parameters, InputSize, HiddenSize, scheme, random);
}
